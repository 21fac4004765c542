import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import { useQuery } from '@tanstack/react-query';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { type GeoJSONSource, type MapLayerMouseEvent, Popup } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import { keys, useCountries } from '../api/queries';
import type { AreaFeatureProps, CountryDetail, StationFeatureProps } from '../api/types';
import { Link, setSearchParam, useLocation } from '../router/router';
import { SelectField } from '../ui/field';
import { PageHeader } from '../ui/page';
import { ErrorState, Loading } from '../ui/states';
import { loadBasemap } from './basemap';
import { countryBounds } from './country-bounds';
import { MapLegend } from './legend';
import { stationOpacity } from './map-style';
import { stationPopup } from './popup';
import { useMaplibre, WORLD } from './use-map';

type Stations = FeatureCollection<Point, StationFeatureProps>;
type Areas = FeatureCollection<Polygon | MultiPolygon, AreaFeatureProps>;

/** Home screen: world basemap, area polygons and duty stations, with a country selector. */
export default function MapScreen() {
  const container = useRef<HTMLElement>(null);
  const { search } = useLocation();
  const country = search.get('country') ?? '';
  const basemap = useQuery({
    queryKey: [...keys.geo, 'basemap'],
    queryFn: ({ signal }) => loadBasemap(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const stations = useQuery({
    queryKey: [...keys.geo, 'stations'],
    queryFn: ({ signal }) => api.get<Stations>('/geo/stations', undefined, signal),
  });
  const areas = useQuery({
    queryKey: [...keys.geo, 'areas'],
    queryFn: ({ signal }) => api.get<Areas>('/geo/areas', undefined, signal),
  });
  const countries = useCountries();
  const { map, error: mapError } = useMaplibre(container, basemap.data);
  // How many station circles MapLibre has drawn (null until the first draw with data).
  const [drawn, setDrawn] = useState<number | null>(null);
  const ready = drawn !== null;

  const countryByCode = useMemo(
    () => new Map((countries.data ?? []).map((c) => [c.code, c])),
    [countries.data],
  );
  const areaName = useMemo(
    () =>
      new Map(
        (areas.data?.features ?? []).map((f) => [
          `${f.properties.countryCode}/${f.properties.code}`,
          f.properties.name,
        ]),
      ),
    [areas.data],
  );

  useEffect(() => {
    if (map && stations.data)
      (map.getSource('stations') as GeoJSONSource | undefined)?.setData(stations.data);
  }, [map, stations.data]);
  useEffect(() => {
    if (map && areas.data) (map.getSource('areas') as GeoJSONSource | undefined)?.setData(areas.data);
  }, [map, areas.data]);

  // "Ready" (for people waiting on a slow link, and for tests) once stations are drawn.
  useEffect(() => {
    if (!map || !stations.data) return;
    const done = () => setDrawn(map.queryRenderedFeatures({ layers: ['station-circle'] }).length);
    map.once('idle', done);
    map.triggerRepaint();
    return () => {
      map.off('idle', done);
    };
  }, [map, stations.data]);

  // Popups read the latest lookups through a ref, so the click handler is registered once.
  const lookups = useRef({ countryByCode, areaName });
  lookups.current = { countryByCode, areaName };
  useEffect(() => {
    if (!map) return;
    const onClick = (event: MapLayerMouseEvent) => {
      const feature = event.features?.[0];
      if (feature?.geometry.type !== 'Point') return;
      const p = feature.properties as StationFeatureProps;
      const { countryByCode: cs, areaName: an } = lookups.current;
      const area = an.get(`${p.countryCode}/${p.areaCode}`);
      new Popup({ closeButton: true, maxWidth: '280px' })
        .setLngLat(feature.geometry.coordinates as [number, number])
        .setDOMContent(
          stationPopup({
            name: p.name,
            code: p.code,
            area: area ? `${area} (${p.areaCode})` : p.areaCode,
            country: cs.get(p.countryCode)?.name ?? p.countryCode,
          }),
        )
        .addTo(map);
    };
    const pointer = () => {
      map.getCanvas().style.cursor = 'pointer';
    };
    const normal = () => {
      map.getCanvas().style.cursor = '';
    };
    map.on('click', 'station-circle', onClick);
    map.on('mouseenter', 'station-circle', pointer);
    map.on('mouseleave', 'station-circle', normal);
    return () => {
      map.off('click', 'station-circle', onClick);
      map.off('mouseenter', 'station-circle', pointer);
      map.off('mouseleave', 'station-circle', normal);
    };
  }, [map]);

  // Zoom to the selected country once its detail (with boundary) is in.
  const selected = countryByCode.get(country) ?? null;
  const detail = useQuery({
    queryKey: [...keys.countries, country],
    queryFn: ({ signal }) => api.get<CountryDetail>(`/countries/${country}`, undefined, signal),
    enabled: Boolean(country),
    staleTime: 60_000,
  });
  const hadSelection = useRef(false);
  useEffect(() => {
    if (!map) return;
    map.setPaintProperty('station-circle', 'circle-opacity', stationOpacity(country));
    if (!country) {
      // Back to the world view only when a country was cleared, not on first load.
      if (hadSelection.current) map.flyTo({ center: WORLD.center, zoom: WORLD.zoom });
      hadSelection.current = false;
      return;
    }
    hadSelection.current = true;
    if (!detail.data || detail.data.code !== country) return;
    const own = [...(stations.data?.features ?? []), ...(areas.data?.features ?? [])].filter(
      (f) => f.properties.countryCode === country,
    );
    const bounds = countryBounds(detail.data, basemap.data, own);
    const { lat, lon } = detail.data;
    if (bounds) map.fitBounds(bounds, { padding: 40, maxZoom: 8, duration: 600 });
    else if (lat !== null && lon !== null) map.flyTo({ center: [lon, lat], zoom: 5 });
  }, [map, country, detail.data, basemap.data, stations.data, areas.data]);

  const stationCount = stations.data?.features.length ?? null;
  const inCountry =
    selected && stations.data
      ? stations.data.features.filter((f) => f.properties.countryCode === selected.code).length
      : null;
  const options = useMemo(
    () =>
      [...(countries.data ?? [])]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((c) => ({ value: c.code, label: c.stationCount ? `${c.name} (${c.stationCount})` : c.name })),
    [countries.data],
  );

  const failure = basemap.error ?? stations.error ?? areas.error;
  return (
    <div
      className="map-screen"
      data-map-state={mapError ? 'error' : ready ? 'ready' : 'loading'}
      data-drawn-stations={drawn ?? undefined}
    >
      <div className="sr-only">
        <PageHeader title="Map" />
      </div>
      <section
        ref={container}
        className="map-canvas"
        aria-label="Map of countries, security risk management areas and duty stations"
      />
      <div className="map-controls">
        <SelectField
          label="Country"
          value={country}
          onChange={(v) => setSearchParam('country', v || undefined)}
          options={options}
          placeholder={countries.isPending ? 'Loading countries…' : 'Whole world'}
        />
        {selected ? (
          <p className="hint">
            <Link to={`/countries/${selected.code}`}>Areas and stations of {selected.name}</Link>
          </p>
        ) : null}
      </div>
      <div className="map-status">
        {mapError ? (
          <ErrorState
            error={
              new Error(
                `The map cannot be shown in this browser: ${mapError}. The Countries tables list the same data.`,
              )
            }
          />
        ) : failure ? (
          <ErrorState
            error={failure}
            onRetry={() => void Promise.all([basemap.refetch(), stations.refetch(), areas.refetch()])}
          />
        ) : !ready ? (
          <div className="panel">
            <Loading label="Loading map…" />
          </div>
        ) : null}
      </div>
      <MapLegend
        stations={stationCount}
        stationsInCountry={inCountry}
        areas={areas.data?.features.length ?? null}
        countryName={selected?.name ?? null}
      />
    </div>
  );
}
