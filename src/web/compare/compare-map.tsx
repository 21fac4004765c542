import 'maplibre-gl/dist/maplibre-gl.css';
import '../map/map.css';
import { useQuery } from '@tanstack/react-query';
import { type GeoJSONSource, type MapLayerMouseEvent, Popup } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import { keys } from '../api/queries';
import type { Category, CompareRow } from '../api/threat-types';
import { loadBasemap } from '../map/basemap';
import { featureBounds } from '../map/geometry';
import { useMaplibre } from '../map/use-map';
import { ScaleLegend } from '../threats/scale-legend';
import { ErrorState } from '../ui/states';
import { type AreaCollection, areaPopup, levelFill, levelledAreas } from './area-colours';

/**
 * The area polygons of the main map, coloured by level on the six-step scale, with a legend.
 * Reuses the map screen's basemap, style and MapLibre setup; duty stations are hidden here.
 * Clicking an area shows its levels highest first; the table view is the keyboard equivalent.
 */
export default function CompareMap({
  rows,
  category,
  title,
}: {
  rows: CompareRow[];
  category: Category | null;
  title: string;
}) {
  const container = useRef<HTMLElement>(null);
  const basemap = useQuery({
    queryKey: [...keys.geo, 'basemap'],
    queryFn: ({ signal }) => loadBasemap(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const areas = useQuery({
    queryKey: [...keys.geo, 'areas'],
    queryFn: ({ signal }) => api.get<AreaCollection>('/geo/areas', undefined, signal),
  });
  const { map, error: mapError } = useMaplibre(container, basemap.data);
  const [drawn, setDrawn] = useState<number | null>(null);
  const data = useMemo(
    () => (areas.data ? levelledAreas(areas.data, rows, category) : null),
    [areas.data, rows, category],
  );
  const rowsById = useRef(new Map<string, CompareRow>());
  rowsById.current = new Map(rows.map((r) => [r.areaId, r]));

  // The shared style draws areas as a faint outline; here they carry the levels.
  useEffect(() => {
    if (!map) return;
    map.setLayoutProperty('station-circle', 'visibility', 'none');
    map.setPaintProperty('area-fill', 'fill-color', levelFill());
    map.setPaintProperty('area-fill', 'fill-opacity', 0.9);
    map.setPaintProperty('area-line', 'line-color', '#1b2430');
    map.setPaintProperty('area-line', 'line-width', 0.8);
  }, [map]);

  const framed = useRef(false);
  useEffect(() => {
    if (!map || !data) return;
    (map.getSource('areas') as GeoJSONSource | undefined)?.setData(data);
    const assessed = data.features.filter((f) => f.properties.level > 0);
    const bounds = featureBounds(assessed);
    if (bounds && !framed.current) {
      framed.current = true;
      map.fitBounds(bounds, { padding: 40, maxZoom: 6, duration: 0 });
    }
    const done = () =>
      setDrawn(
        map.queryRenderedFeatures({ layers: ['area-fill'] }).filter((f) => Number(f.properties.level) > 0)
          .length,
      );
    map.once('idle', done);
    map.triggerRepaint();
    return () => {
      map.off('idle', done);
    };
  }, [map, data]);

  useEffect(() => {
    if (!map) return;
    let popup: Popup | null = null;
    const onClick = (event: MapLayerMouseEvent) => {
      const props = event.features?.[0]?.properties;
      if (!props) return;
      popup?.remove();
      popup = new Popup({ maxWidth: '300px' })
        .setLngLat(event.lngLat)
        .setDOMContent(
          areaPopup(rowsById.current.get(String(props.id)), String(props.name), String(props.code)),
        )
        .addTo(map);
    };
    const pointer = () => {
      map.getCanvas().style.cursor = 'pointer';
    };
    const normal = () => {
      map.getCanvas().style.cursor = '';
    };
    map.on('click', 'area-fill', onClick);
    map.on('mouseenter', 'area-fill', pointer);
    map.on('mouseleave', 'area-fill', normal);
    return () => {
      map.off('click', 'area-fill', onClick);
      map.off('mouseenter', 'area-fill', pointer);
      map.off('mouseleave', 'area-fill', normal);
      popup?.remove();
    };
  }, [map]);

  const failure = basemap.error ?? areas.error;
  return (
    <div
      className="compare-map"
      data-map-state={mapError ? 'error' : drawn !== null ? 'ready' : 'loading'}
      data-coloured-areas={drawn ?? undefined}
    >
      <section
        ref={container}
        className="map-canvas"
        aria-label={`Map of areas ${title.toLowerCase()}; the table view lists the same levels`}
      />
      <ScaleLegend title={title} />
      {mapError || failure ? (
        <div className="map-status">
          <ErrorState
            error={failure ?? new Error(`The map cannot be shown here (${mapError}). Use the table view.`)}
            onRetry={failure ? () => void Promise.all([basemap.refetch(), areas.refetch()]) : undefined}
          />
        </div>
      ) : null}
    </div>
  );
}
