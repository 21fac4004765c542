import type { FeatureCollection, Geometry, Position } from 'geojson';
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
  const collection = feature(topology, countries);
  for (const f of collection.features) unwrapGeometry(f.geometry);
  return collection;
}

/**
 * world-atlas rings of Fiji and eastern Russia jump from +180 to −180 and back (the data was
 * cut for a spherical renderer). Drawn flat, each jump is a stripe across the whole map. Making
 * such rings continuous (longitudes past 180) lets MapLibre wrap the overflow to the other side.
 * A ring that does not come back (Antarctica circles the pole) is left as it is.
 */
export function unwrapRing(ring: Position[]): Position[] {
  let offset = 0;
  let previous: number | undefined;
  const out = ring.map(([lon = 0, lat = 0]) => {
    if (previous !== undefined && lon - previous > 180) offset -= 360;
    else if (previous !== undefined && lon - previous < -180) offset += 360;
    previous = lon;
    return [lon + offset, lat];
  });
  return offset === 0 ? out : ring;
}

function unwrapGeometry(geometry: Geometry | null): void {
  if (geometry?.type === 'Polygon') geometry.coordinates = geometry.coordinates.map(unwrapRing);
  if (geometry?.type === 'MultiPolygon')
    geometry.coordinates = geometry.coordinates.map((p) => p.map(unwrapRing));
}
