import type { Category, CategoryLevels, Highest, Level, Ranked, WorkflowStatus } from '../api/threat-types';

export const CATEGORY_LABELS: Record<Category, string> = {
  armed_conflict: 'Armed conflict',
  terrorism: 'Terrorism',
  crime: 'Crime',
  civil_unrest: 'Civil unrest',
};

export const LEVELS: readonly Level[] = [1, 2, 3, 4, 5, 6];

export const LEVEL_NAMES: Record<Level, string> = {
  1: 'Minimal',
  2: 'Low',
  3: 'Moderate',
  4: 'Substantial',
  5: 'High',
  6: 'Extreme',
};

export const LEVEL_DESCRIPTORS: Record<Level, string> = {
  1: 'Rare, limited threats',
  2: 'Occasional, limited threats',
  3: 'Frequent but limited threats',
  4: 'Frequent and significant threats',
  5: 'Widespread and serious threats',
  6: 'Generalized major threats',
};

/**
 * The six-step scale, shared by chips, the map and its legend. Lightness falls steadily from
 * level 1 to 6 (87, 70, 48, 28, 13, 4 % relative luminance), so the order survives greyscale
 * printing and most colour-vision deficiencies; text colour is chosen per step for at least
 * 4.9:1 contrast. Colour is never the only cue: the number and name are always printed.
 */
export const LEVEL_COLORS: Record<Level, { fill: string; text: string }> = {
  1: { fill: '#f6f1c6', text: '#1b2430' },
  2: { fill: '#f7d774', text: '#1b2430' },
  3: { fill: '#f4a93b', text: '#1b2430' },
  4: { fill: '#e46f1f', text: '#1b2430' },
  5: { fill: '#b8321a', text: '#ffffff' },
  6: { fill: '#6e0f1a', text: '#ffffff' },
};

/*
 * The API sends a level as an integer (its schema checks 1 to 6 and says `number`), so the helpers
 * below take any number and read it through toLevel.
 */

export function levelStyle(level: number) {
  const { fill, text } = LEVEL_COLORS[toLevel(level)];
  return { backgroundColor: fill, color: text };
}

export const levelName = (level: number) => LEVEL_NAMES[toLevel(level)];
export const levelDescriptor = (level: number) => LEVEL_DESCRIPTORS[toLevel(level)];
export const levelText = (level: number) => `${level} ${levelName(level)}`;

export const levelOptions = LEVELS.map((l) => ({ value: String(l), label: `${l} ${LEVEL_NAMES[l]}` }));

export function toLevel(value: string | number): Level {
  const n = Number(value);
  return (Number.isInteger(n) && n >= 1 && n <= 6 ? n : 1) as Level;
}

/** "Armed conflict, Civil unrest — 6 Extreme": every tied category is named. */
export function highestText(highest: Highest): string {
  const names = highest.categories.map((c) => CATEGORY_LABELS[c]).join(', ');
  return `${names} — ${highest.level} ${highest.name}`;
}

export const STATUS_LABELS: Record<WorkflowStatus, string> = {
  draft: 'Draft',
  approved: 'Approved',
  published: 'Published',
  superseded: 'Superseded',
};

/** YYYY-MM-DD as a readable date, read as a calendar date (no time-zone shift). */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
}

/** Today as YYYY-MM-DD in the user's calendar, the default effective date of a new version. */
export function today(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const ORDER: readonly Category[] = ['armed_conflict', 'terrorism', 'crime', 'civil_unrest'];

/**
 * Levels highest first, ties in the canonical order: the server's rule, repeated here only to
 * preview a form's levels before they are saved (saved versions always use the server's order).
 */
export function rank(levels: CategoryLevels): Ranked {
  const top = Math.max(...ORDER.map((c) => levels[c]));
  return {
    highest: { level: top, name: levelName(top), categories: ORDER.filter((c) => levels[c] === top) },
    levels: ORDER.map((category, i) => ({ category, level: levels[category], i }))
      .sort((a, b) => b.level - a.level || a.i - b.i)
      .map(({ category, level }) => ({
        category,
        label: CATEGORY_LABELS[category],
        level,
        name: levelName(level),
      })),
  };
}
