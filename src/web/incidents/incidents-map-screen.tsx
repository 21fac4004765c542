import 'maplibre-gl/dist/maplibre-gl.css';
import '../map/map.css';
import '../threats/screens.css';
import './incidents.css';
import { useQuery } from '@tanstack/react-query';
import { type GeoJSONSource, type MapLayerMouseEvent, Popup } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { filterFrom, type MapView, useIncidentMap } from '../api/incident-queries';
import { NATURES } from '../api/incident-types';
import { keys } from '../api/queries';
import { loadBasemap } from '../map/basemap';
import { useMaplibre } from '../map/use-map';
import { useLocation } from '../router/router';
import { PageHeader } from '../ui/page';
import { ErrorState } from '../ui/states';
import { IncidentFilters, sharedFilter } from './incident-filters';
import {
  groupPopup,
  INCIDENT_LAYERS,
  type IncidentPointProps,
  incidentPopup,
  incidentSource,
  NATURE_COLORS,
  toFeatures,
} from './incident-map-layers';
import { IncidentsNav } from './incidents-nav';
import { NATURE_LABELS } from './labels';

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Located incidents on the offline basemap, coloured by nature and grouped where they crowd:
 * MapLibre clusters the points in the browser; beyond a few thousand the server sends grid cells
 * for the part in view instead. A click opens the incident (or zooms into a group).
 */
export default function IncidentsMapScreen() {
  const { search } = useLocation();
  const filter = sharedFilter(filterFrom(search));
  const container = useRef<HTMLElement>(null);
  const basemap = useQuery({
    queryKey: [...keys.geo, 'basemap'],
    queryFn: ({ signal }) => loadBasemap(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [view, setView] = useState<MapView | null>(null);
  const incidents = useIncidentMap(filter, view);
  const { map, error: mapError } = useMaplibre(container, basemap.data);
  const [drawn, setDrawn] = useState<number | null>(null);
  const data = useMemo(() => (incidents.data ? toFeatures(incidents.data) : null), [incidents.data]);
  const clustered = incidents.data?.clustered ?? false;

  // Our source and layers on top of the shared style; stations and areas stay hidden here.
  useEffect(() => {
    if (!map) return;
    map.setLayoutProperty('station-circle', 'visibility', 'none');
    map.addSource('incidents', incidentSource({ type: 'FeatureCollection', features: [] }));
    for (const layer of INCIDENT_LAYERS) map.addLayer(layer);
  }, [map]);

  useEffect(() => {
    if (!map || !data) return;
    (map.getSource('incidents') as GeoJSONSource | undefined)?.setData(data);
    const done = () =>
      setDrawn(map.queryRenderedFeatures({ layers: INCIDENT_LAYERS.map((l) => l.id) }).length);
    map.once('idle', done);
    map.triggerRepaint();
    return () => {
      map.off('idle', done);
    };
  }, [map, data]);

  // Server clusters depend on the view: ask again for the part in view after each move.
  const clusteredRef = useRef(clustered);
  clusteredRef.current = clustered;
  useEffect(() => {
    if (!map) return;
    const moved = () => {
      if (!clusteredRef.current) return;
      const b = map.getBounds();
      setView({
        bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(round).join(','),
        zoom: Math.round(map.getZoom()),
      });
    };
    map.on('moveend', moved);
    return () => {
      map.off('moveend', moved);
    };
  }, [map]);

  useEffect(() => {
    if (!map) return;
    let popup: Popup | null = null;
    const open = (at: [number, number], content: HTMLElement) => {
      popup?.remove();
      popup = new Popup({ maxWidth: '300px' }).setLngLat(at).setDOMContent(content).addTo(map);
    };
    const onPoint = (event: MapLayerMouseEvent) => {
      const f = event.features?.[0];
      if (f?.geometry.type !== 'Point') return;
      open(f.geometry.coordinates as [number, number], incidentPopup(f.properties as IncidentPointProps));
    };
    const onGroup = async (event: MapLayerMouseEvent) => {
      const f = event.features?.[0];
      if (f?.geometry.type !== 'Point') return;
      const at = f.geometry.coordinates as [number, number];
      const props = f.properties as IncidentPointProps & { cluster_id?: number };
      open(at, groupPopup(props));
      const source = map.getSource('incidents') as GeoJSONSource | undefined;
      const zoom =
        props.cluster_id !== undefined && source
          ? await source.getClusterExpansionZoom(props.cluster_id)
          : map.getZoom() + 2;
      map.easeTo({ center: at, zoom });
    };
    const pointer = () => {
      map.getCanvas().style.cursor = 'pointer';
    };
    const normal = () => {
      map.getCanvas().style.cursor = '';
    };
    map.on('click', 'incident-points', onPoint);
    map.on('click', 'incident-groups', onGroup);
    for (const id of ['incident-points', 'incident-groups']) {
      map.on('mouseenter', id, pointer);
      map.on('mouseleave', id, normal);
    }
    return () => {
      map.off('click', 'incident-points', onPoint);
      map.off('click', 'incident-groups', onGroup);
      for (const id of ['incident-points', 'incident-groups']) {
        map.off('mouseenter', id, pointer);
        map.off('mouseleave', id, normal);
      }
      popup?.remove();
    };
  }, [map]);

  const located = data?.features.reduce((n, f) => n + f.properties.weight, 0) ?? null;
  const byNature = (n: (typeof NATURES)[number]) =>
    data?.features.reduce((k, f) => k + f.properties[n], 0) ?? 0;
  const failure = basemap.error ?? incidents.error;

  return (
    <>
      <PageHeader
        title="Incident map"
        description="Located incidents; the list shows those without a position too."
      />
      <IncidentsNav />
      <IncidentFilters filter={filter} />
      <div
        className="compare-map incident-map"
        data-map-state={mapError ? 'error' : drawn !== null ? 'ready' : 'loading'}
        data-located={located ?? undefined}
      >
        <section
          ref={container}
          className="map-canvas"
          aria-label="Map of located incidents; the list is the keyboard equivalent"
        />
        <section className="map-legend" aria-label="Map legend" data-testid="incident-map-legend">
          <h2>Incidents located: {located === null ? '…' : located.toLocaleString()}</h2>
          <ul className="legend-list">
            {NATURES.map((n) => (
              <li key={n}>
                <span
                  className="swatch dot"
                  style={{ backgroundColor: NATURE_COLORS[n] }}
                  aria-hidden="true"
                />
                <span>
                  {NATURE_LABELS[n]}
                  {clustered ? '' : `: ${byNature(n).toLocaleString()}`}
                </span>
              </li>
            ))}
            <li>
              <span className="swatch dot group" aria-hidden="true" />
              <span>A group: larger circles hold more; click to zoom in</span>
            </li>
          </ul>
        </section>
        {mapError || failure ? (
          <div className="map-status">
            <ErrorState
              error={failure ?? new Error(`The map cannot be shown here (${mapError}). Use the list.`)}
              onRetry={failure ? () => void Promise.all([basemap.refetch(), incidents.refetch()]) : undefined}
            />
          </div>
        ) : null}
      </div>
    </>
  );
}
