import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Colours shared by the map layers and the HTML legend, so the two cannot drift apart. */
export const MAP_COLORS = {
  water: '#cddfee',
  land: '#eef0e6',
  border: '#98a4b0',
  areaFill: '#e67e22',
  areaLine: '#c0580f',
  station: '#0b5cad',
};

/**
 * The whole style is built in code: no style URL, no tiles, no glyphs or sprites (which would
 * need fonts from somewhere), so nothing is fetched from the internet. Labels are HTML popups.
 */
export function buildStyle(basemap: FeatureCollection): StyleSpecification {
  return {
    version: 8,
    sources: {
      countries: { type: 'geojson', data: basemap },
      areas: { type: 'geojson', data: EMPTY },
      stations: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': MAP_COLORS.water } },
      { id: 'country-fill', type: 'fill', source: 'countries', paint: { 'fill-color': MAP_COLORS.land } },
      {
        id: 'country-line',
        type: 'line',
        source: 'countries',
        paint: {
          'line-color': MAP_COLORS.border,
          'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.5, 6, 1.2],
        },
      },
      {
        id: 'area-fill',
        type: 'fill',
        source: 'areas',
        paint: { 'fill-color': MAP_COLORS.areaFill, 'fill-opacity': 0.18 },
      },
      {
        id: 'area-line',
        type: 'line',
        source: 'areas',
        paint: { 'line-color': MAP_COLORS.areaLine, 'line-width': 1.2 },
      },
      {
        id: 'station-circle',
        type: 'circle',
        source: 'stations',
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 1, 3.5, 5, 5.5, 10, 8],
          'circle-color': MAP_COLORS.station,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
        },
      },
    ],
  };
}

/** Stations outside the selected country fade so that the selection stands out. */
export function stationOpacity(country: string): ExpressionSpecification | number {
  return country ? ['case', ['==', ['get', 'countryCode'], country], 1, 0.35] : 1;
}
