import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import { useQuery } from '@tanstack/react-query';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import { keys, useCountries } from '../api/queries';
import type { AreaFeatureProps, CountryDetail, StationFeatureProps } from '../api/types';
import { setSearchParam, useLocation } from '../router/router';
import { PageHeader } from '../ui/page';
import { ErrorState, Loading } from '../ui/states';
import { loadBasemap } from './basemap';
import { countryBounds } from './country-bounds';
import { MapLegend } from './legend';
import { MapControls } from './map-controls';
import { stationOpacity } from './map-style';
import { useMaplibre, WORLD } from './use-map';
import { useStationPopups } from './use-station-popups';

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
  const detail = useQuery({
    queryKey: [...keys.countries, country],
    queryFn: ({ signal }) => api.get<CountryDetail>(`/countries/${country}`, undefined, signal),
    enabled: Boolean(country),
    staleTime: 60_000,
  });
  const { map, error: mapError } = useMaplibre(container, basemap.data);
  // How many station circles MapLibre has drawn (null until the first draw with data).
  const [drawn, setDrawn] = useState<number | null>(null);

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
  const showStation = useStationPopups(map, (s) => {
    const area = areaName.get(`${s.countryCode}/${s.areaCode}`);
    return {
      area: area ? `${area} (${s.areaCode})` : s.areaCode,
      country: countryByCode.get(s.countryCode)?.name ?? s.countryCode,
    };
  });

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

  // Zoom to the selected country once its detail (with boundary) is in.
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

  const selected = countryByCode.get(country) ?? null;
  const features = stations.data?.features ?? [];
  const inCountry = selected
    ? features.filter((f) => f.properties.countryCode === selected.code).length
    : null;
  const failure = basemap.error ?? stations.error ?? areas.error;

  return (
    <div
      className="map-screen"
      data-map-state={mapError ? 'error' : drawn !== null ? 'ready' : 'loading'}
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
      <MapControls
        countries={countries.data ?? []}
        countriesLoading={countries.isPending}
        country={selected}
        onCountry={(code) => setSearchParam('country', code || undefined)}
        stations={features}
        onStation={(s) => {
          const at = s.geometry.coordinates as [number, number];
          map?.flyTo({ center: at, zoom: Math.max(map.getZoom(), 7) });
          showStation(s.properties, at);
        }}
      />
      <div className="map-status">
        {mapError ? (
          <ErrorState
            error={
              new Error(
                `The map cannot be shown here (${mapError}). The Countries screen lists the same data.`,
              )
            }
          />
        ) : failure ? (
          <ErrorState
            error={failure}
            onRetry={() => void Promise.all([basemap.refetch(), stations.refetch(), areas.refetch()])}
          />
        ) : drawn === null ? (
          <div className="panel">
            <Loading label="Loading map…" />
          </div>
        ) : null}
      </div>
      <MapLegend
        stations={stations.data ? features.length : null}
        stationsInCountry={inCountry}
        areas={areas.data?.features.length ?? null}
        countryName={selected?.name ?? null}
      />
    </div>
  );
}
