import type { FeatureCollection } from 'geojson';
import { AttributionControl, Map as MapLibreMap, NavigationControl, setWorkerUrl } from 'maplibre-gl';
// The worker ships as its own file; MapLibre would otherwise look for it next to the (hashed,
// bundled) main chunk. Same origin, so the CSP's worker-src 'self' covers it.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type RefObject, useEffect, useState } from 'react';
import { buildStyle } from './map-style';

setWorkerUrl(workerUrl);

/** The initial view: the inhabited world on a phone-sized or larger screen. */
export const WORLD = { center: [20, 12] as [number, number], zoom: 1.4 };

/**
 * Creates the map once the basemap is in, and removes it on unmount. Returns the map after its
 * style has loaded (sources exist then), or the reason it could not be created (no WebGL).
 */
export function useMaplibre(
  container: RefObject<HTMLElement | null>,
  basemap: FeatureCollection | undefined,
): { map: MapLibreMap | null; error: string | null } {
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element || !basemap) return;
    let instance: MapLibreMap;
    try {
      instance = new MapLibreMap({
        container: element,
        style: buildStyle(basemap),
        center: WORLD.center,
        zoom: WORLD.zoom,
        minZoom: 0.5,
        maxZoom: 14,
        attributionControl: false,
        renderWorldCopies: false,
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The map could not start');
      return;
    }
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    instance.addControl(new AttributionControl({ compact: true, customAttribution: 'Natural Earth' }));
    instance.on('load', () => setMap(instance));
    instance.on('error', (event) => {
      // Source errors are reported per request; only a failure before load leaves no map.
      if (!instance.loaded()) setError(event.error?.message ?? 'The map failed to load');
    });
    return () => {
      setMap(null);
      instance.remove();
    };
  }, [container, basemap]);

  return { map, error };
}
