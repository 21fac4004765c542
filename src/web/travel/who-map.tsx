import 'maplibre-gl/dist/maplibre-gl.css';
import '../map/map.css';
import { useQuery } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { keys } from '../api/queries';
import type { Station } from '../api/types';
import { loadBasemap } from '../map/basemap';
import { featureBounds } from '../map/geometry';
import { useMaplibre } from '../map/use-map';
import { ErrorState } from '../ui/states';

/**
 * Duty stations with how many of the people found are there (circles sized by the count), on the
 * offline basemap. Loaded on demand, so the who-is-where list never waits for MapLibre.
 */
export default function WhoMap({
  stations,
  counts,
}: {
  stations: readonly Station[];
  counts: ReadonlyMap<string, number>;
}) {
  const container = useRef<HTMLElement>(null);
  const basemap = useQuery({
    queryKey: [...keys.geo, 'basemap'],
    queryFn: ({ signal }) => loadBasemap(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const { map, error } = useMaplibre(container, basemap.data);

  useEffect(() => {
    if (!map) return;
    const data: FeatureCollection = {
      type: 'FeatureCollection',
      features: stations
        .filter((s) => counts.has(s.code))
        .map((s) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
          properties: { code: s.code, name: s.name, count: counts.get(s.code) ?? 0 },
        })),
    };
    (map.getSource('stations') as GeoJSONSource | undefined)?.setData(data);
    map.setPaintProperty('station-circle', 'circle-radius', [
      'interpolate',
      ['linear'],
      ['sqrt', ['get', 'count']],
      1,
      6,
      30,
      26,
    ]);
    const bounds = featureBounds(data.features);
    if (bounds)
      map.fitBounds(
        [
          [bounds[0], bounds[1]],
          [bounds[2], bounds[3]],
        ],
        { padding: 60, maxZoom: 9, duration: 0 },
      );
  }, [map, stations, counts]);

  const failure = basemap.error ?? (error ? new Error(`The map cannot be shown here (${error}).`) : null);
  return (
    <div className="who-map" data-map-state={map ? 'ready' : 'loading'}>
      <section
        ref={container}
        className="map-canvas"
        aria-label="Map of duty stations with the number of people at each; the table lists them"
      />
      {failure ? (
        <div className="map-status">
          <ErrorState error={failure} onRetry={basemap.error ? () => basemap.refetch() : undefined} />
        </div>
      ) : null}
    </div>
  );
}
