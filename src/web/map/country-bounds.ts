import type { Feature, FeatureCollection } from 'geojson';
import type { CountryDetail } from '../api/types';
import { type Bounds, featureBounds, partBoundsAt, polygonal, polygonBoundsAt, union } from './geometry';

/**
 * Where to zoom for a country: the part of its boundary around its reference point (or the whole
 * boundary), widened to include its own stations and areas. Without a stored boundary, the
 * basemap polygon under the reference point stands in.
 */
export function countryBounds(
  country: CountryDetail,
  basemap: FeatureCollection | undefined,
  own: readonly Feature[],
): Bounds | null {
  const { lat, lon } = country;
  const boundary = polygonal(country.boundary);
  let outline: Bounds | null = null;
  if (boundary) {
    outline = lat !== null && lon !== null ? partBoundsAt(boundary, lon, lat) : null;
    outline ??= featureBounds([{ type: 'Feature', geometry: boundary, properties: {} }]);
  } else if (basemap && lat !== null && lon !== null) {
    outline = polygonBoundsAt(basemap, lon, lat);
  }
  return union(outline, featureBounds(own));
}
