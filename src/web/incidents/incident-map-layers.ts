import type { FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { IncidentMap, Nature } from '../api/incident-types';
import { navigate } from '../router/router';
import { formatDay } from '../threats/levels';
import { NATURE_LABELS } from './labels';

/** The colours of the three natures, shared by the map, its legend and the badges' CSS. */
export const NATURE_COLORS: Record<Nature, string> = {
  violence: '#b42318',
  safety: '#c26a00',
  situational: '#5b6675',
};
/** A cluster the server made (too many incidents to send one by one): no breakdown by nature. */
const SERVER_CELL_COLOR = '#344054';

export interface IncidentPointProps {
  /** Incidents the feature stands for: 1 for an incident, the cell's count for a server cluster. */
  weight: number;
  server: boolean;
  id: string;
  reference: string;
  title: string;
  occurredOn: string;
  nature: Nature | '';
  violence: number;
  safety: number;
  situational: number;
}

/** The server's answer as features MapLibre clusters further in the browser, counts kept. */
export function toFeatures(data: IncidentMap): FeatureCollection<Point, IncidentPointProps> {
  return {
    type: 'FeatureCollection',
    features: data.features.map((f) => {
      const p = f.properties;
      const props: IncidentPointProps = p.cluster
        ? {
            weight: p.point_count,
            server: true,
            id: '',
            reference: '',
            title: '',
            occurredOn: '',
            nature: '',
            violence: 0,
            safety: 0,
            situational: 0,
          }
        : {
            weight: 1,
            server: false,
            id: p.id,
            reference: p.reference,
            title: p.title,
            occurredOn: p.occurredOn,
            nature: p.nature,
            violence: p.nature === 'violence' ? 1 : 0,
            safety: p.nature === 'safety' ? 1 : 0,
            situational: p.nature === 'situational' ? 1 : 0,
          };
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: f.geometry.coordinates },
        properties: props,
      };
    }),
  };
}

const sum = (name: string): ExpressionSpecification => ['+', ['get', name]];

/** A GeoJSON source clustered in the browser, summing incidents and natures per cluster. */
export function incidentSource(data: FeatureCollection): SourceSpecification {
  return {
    type: 'geojson',
    data,
    cluster: true,
    clusterRadius: 45,
    clusterMaxZoom: 11,
    clusterProperties: {
      weight: sum('weight'),
      violence: sum('violence'),
      safety: sum('safety'),
      situational: sum('situational'),
    },
  };
}

/** A group's colour: its most frequent nature; server cells (no breakdown) dark grey. */
const groupColor: ExpressionSpecification = [
  'case',
  ['all', ['==', ['get', 'violence'], 0], ['==', ['get', 'safety'], 0], ['==', ['get', 'situational'], 0]],
  SERVER_CELL_COLOR,
  [
    'all',
    ['>=', ['get', 'violence'], ['get', 'safety']],
    ['>=', ['get', 'violence'], ['get', 'situational']],
  ],
  NATURE_COLORS.violence,
  ['>=', ['get', 'safety'], ['get', 'situational']],
  NATURE_COLORS.safety,
  NATURE_COLORS.situational,
];

const isGroup: ExpressionSpecification = ['any', ['has', 'point_count'], ['==', ['get', 'server'], true]];

/** Groups as circles sized by their count (no text: the style has no fonts), incidents as dots. */
export const INCIDENT_LAYERS: LayerSpecification[] = [
  {
    id: 'incident-groups',
    type: 'circle',
    source: 'incidents',
    filter: isGroup,
    paint: {
      'circle-color': groupColor,
      'circle-opacity': 0.8,
      'circle-radius': ['step', ['get', 'weight'], 10, 10, 14, 50, 19, 250, 25, 1000, 32],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  },
  {
    id: 'incident-points',
    type: 'circle',
    source: 'incidents',
    filter: ['!', isGroup],
    paint: {
      'circle-color': [
        'match',
        ['get', 'nature'],
        'violence',
        NATURE_COLORS.violence,
        'safety',
        NATURE_COLORS.safety,
        NATURE_COLORS.situational,
      ],
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 1, 4.5, 8, 7],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  },
];

/** An incident's popup, from DOM nodes and textContent (titles come from reports and imports). */
export function incidentPopup(p: IncidentPointProps): HTMLElement {
  const root = document.createElement('div');
  root.className = 'map-popup';
  const title = document.createElement('h3');
  const link = document.createElement('a');
  link.href = `/incidents/${p.id}`;
  link.textContent = p.title;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    navigate(link.pathname);
  });
  title.append(link);
  const line = document.createElement('p');
  line.textContent = `${p.reference} · ${formatDay(p.occurredOn)} · ${p.nature ? NATURE_LABELS[p.nature] : ''}`;
  root.append(title, line);
  return root;
}

/** A group's popup: how many incidents, of which natures; zooming in splits it. */
export function groupPopup(p: IncidentPointProps): HTMLElement {
  const root = document.createElement('div');
  root.className = 'map-popup';
  const title = document.createElement('h3');
  title.textContent = `${p.weight.toLocaleString()} incidents`;
  root.append(title);
  const natures = (['violence', 'safety', 'situational'] as const).filter((n) => p[n] > 0);
  const line = document.createElement('p');
  line.textContent = natures.length
    ? natures.map((n) => `${p[n]} ${NATURE_LABELS[n].toLowerCase()}`).join(', ')
    : 'Zoom in to see them one by one.';
  root.append(line);
  return root;
}
