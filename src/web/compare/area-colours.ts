import type { ExpressionSpecification } from 'maplibre-gl';
import type { Category, CompareRow } from '../api/threat-types';
import type { AreaFeatureProps, FeatureCollection, MultiPolygon, Polygon } from '../api/types';
import { CATEGORY_LABELS, highestText, LEVEL_COLORS, LEVELS } from '../threats/levels';
import { NO_DATA_COLOR } from '../threats/scale-legend';

export type AreaCollection = FeatureCollection<Polygon | MultiPolygon, AreaFeatureProps>;
export type LevelledProps = AreaFeatureProps & { level: number };

/**
 * The area polygons with the level to colour them by: one category's level, or the highest of
 * the four. Areas without a published assessment (or filtered out) get 0, drawn neutral grey.
 */
export function levelledAreas(
  areas: AreaCollection,
  rows: readonly CompareRow[],
  category: Category | null,
): FeatureCollection<Polygon | MultiPolygon, LevelledProps> {
  const byId = new Map(rows.map((r) => [r.areaId, r]));
  return {
    type: 'FeatureCollection',
    features: areas.features.map((f) => {
      const row = byId.get(f.properties.id);
      const level = row ? (category ? row.byCategory[category] : row.highest.level) : 0;
      return { ...f, properties: { ...f.properties, level } };
    }),
  };
}

/** The fill colour expression: the same six colours as the chips and the legend. */
export function levelFill(): ExpressionSpecification {
  const stops = LEVELS.flatMap((l) => [l, LEVEL_COLORS[l].fill]);
  // MapLibre's tuple type cannot follow a spread of stops; the shape is the documented `match`.
  return ['match', ['get', 'level'], ...stops, NO_DATA_COLOR] as unknown as ExpressionSpecification;
}

/** Popup content built from DOM nodes and textContent, never HTML: names come from imports. */
export function areaPopup(row: CompareRow | undefined, name: string, code: string): HTMLElement {
  const root = document.createElement('div');
  root.className = 'map-popup';
  const title = document.createElement('h3');
  title.textContent = `${name} (${code})`;
  root.append(title);
  const line = (text: string, className?: string) => {
    const p = document.createElement('p');
    p.textContent = text;
    if (className) p.className = className;
    root.append(p);
  };
  if (!row) {
    line('No published assessment', 'muted');
    return root;
  }
  line(row.countryName, 'muted');
  line(`Highest: ${highestText(row.highest)}`, 'popup-highest');
  const list = document.createElement('ol');
  list.className = 'popup-levels';
  for (const l of row.levels) {
    const item = document.createElement('li');
    item.textContent = `${CATEGORY_LABELS[l.category]}: ${l.level} ${l.name}`;
    list.append(item);
  }
  root.append(list);
  return root;
}
