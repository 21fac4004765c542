import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { api } from '../api/client';

/**
 * The offline basemap: Natural Earth 1:110m countries (world-atlas) served by our own server as
 * TopoJSON (~105 KB, long-cached) and converted to GeoJSON here. No tile server is involved.
 */
export async function loadBasemap(signal?: AbortSignal): Promise<FeatureCollection> {
  const topology = await api.get<Topology<{ countries: GeometryCollection }>>(
    '/geo/basemap',
    undefined,
    signal,
  );
  const countries = topology.objects.countries;
  if (!countries) throw new Error('The basemap has no countries layer');
  return feature(topology, countries);
}
