import 'maplibre-gl/dist/maplibre-gl.css';
import '../map/map.css';
import { useQuery } from '@tanstack/react-query';
import { type MapMouseEvent, Marker } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { keys } from '../api/queries';
import type { Country } from '../api/types';
import { loadBasemap } from '../map/basemap';
import { useMaplibre } from '../map/use-map';
import { ErrorState } from '../ui/states';

/** Five decimals: about a metre, more than a report's position is ever worth. */
const round = (n: number) => String(Math.round(n * 1e5) / 1e5);

/**
 * The offline map for placing an incident: a click (or tap) sets the point, and the marker shows
 * the typed coordinates. Loaded on demand, so the form itself never waits for MapLibre.
 */
export default function PlacePickerMap({
  lat,
  lon,
  country,
  onPick,
}: {
  lat: string;
  lon: string;
  country: Country | null;
  onPick: (lat: string, lon: string) => void;
}) {
  const container = useRef<HTMLElement>(null);
  const basemap = useQuery({
    queryKey: [...keys.geo, 'basemap'],
    queryFn: ({ signal }) => loadBasemap(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const { map, error } = useMaplibre(container, basemap.data);
  const marker = useRef<Marker | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  // Start at the point, else the country.
  const started = useRef(false);
  useEffect(() => {
    if (!map || started.current) return;
    started.current = true;
    const y = Number(lat);
    const x = Number(lon);
    if (lat !== '' && lon !== '' && Number.isFinite(x) && Number.isFinite(y))
      map.jumpTo({ center: [x, y], zoom: 8 });
    else if (country?.lat != null && country.lon != null)
      map.jumpTo({ center: [country.lon, country.lat], zoom: 5 });
  }, [map, lat, lon, country]);

  useEffect(() => {
    if (!map) return;
    map.getCanvas().style.cursor = 'crosshair';
    const onClick = (event: MapMouseEvent) => pick.current(round(event.lngLat.lat), round(event.lngLat.lng));
    map.on('click', onClick);
    return () => {
      map.off('click', onClick);
    };
  }, [map]);

  useEffect(() => {
    if (!map) return;
    const y = Number(lat);
    const x = Number(lon);
    const valid = lat !== '' && lon !== '' && Math.abs(y) <= 90 && Math.abs(x) <= 180;
    if (!valid) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    marker.current ??= new Marker({ color: '#b42318' });
    marker.current.setLngLat([x, y]).addTo(map);
  }, [map, lat, lon]);

  const failure = basemap.error ?? (error ? new Error(`The map cannot be shown here (${error}).`) : null);
  return (
    <div className="place-picker" data-map-state={map ? 'ready' : 'loading'}>
      <section
        ref={container}
        className="map-canvas"
        aria-label="Map: tap or click where it happened; the coordinates fields show the point"
      />
      {failure ? (
        <div className="map-status">
          <ErrorState error={failure} onRetry={basemap.error ? () => basemap.refetch() : undefined} />
        </div>
      ) : null}
    </div>
  );
}
