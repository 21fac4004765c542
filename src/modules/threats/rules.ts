/**
 * Security levels and travel advisories: pure rules (DOMAIN.md §3).
 *
 * The 2011 weighted aggregate "Security Level" hid the highest threat ("lowers the threat level
 * from the highest it is", seeds/iasmn-16th-session-2012.md); since 2012 all categories are shown
 * with the highest emphasised, and in 2024 the aggregate was removed and hazards assessed apart
 * (seeds/iasmn-39th-session-2024.md §191–204). So nothing here computes an aggregate.
 */

export const CATEGORIES = ['armed_conflict', 'terrorism', 'crime', 'civil_unrest'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  armed_conflict: 'Armed conflict',
  terrorism: 'Terrorism',
  crime: 'Crime',
  civil_unrest: 'Civil unrest',
};

export const LEVELS = [1, 2, 3, 4, 5, 6] as const;
export type Level = (typeof LEVELS)[number];

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

export type CategoryLevels = Record<Category, Level>;

export function isLevel(n: unknown): n is Level {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 6;
}

/** The highest level and every category at that level (ties are all emphasised, none hidden). */
export function highest(levels: CategoryLevels): { level: Level; categories: Category[] } {
  const level = Math.max(...CATEGORIES.map((c) => levels[c])) as Level;
  return { level, categories: CATEGORIES.filter((c) => levels[c] === level) };
}

/** Categories highest first; equal levels keep the canonical category order. */
export function highestFirst(levels: CategoryLevels): { category: Category; level: Level }[] {
  return CATEGORIES.map((category, i) => ({ category, level: levels[category], i }))
    .sort((a, b) => b.level - a.level || a.i - b.i)
    .map(({ category, level }) => ({ category, level }));
}

/** A country's levels from its areas' levels: per category, the highest of any area. */
export function countryLevels(areas: CategoryLevels[]): CategoryLevels | null {
  if (areas.length === 0) return null;
  return Object.fromEntries(
    CATEGORIES.map((c) => [c, Math.max(...areas.map((a) => a[c]))]),
  ) as CategoryLevels;
}

export interface LevelChange {
  category: Category;
  from: Level | null;
  to: Level;
}

/** What changed between two versions; every category when there was no previous version. */
export function levelChanges(previous: CategoryLevels | null, next: CategoryLevels): LevelChange[] {
  return CATEGORIES.filter((c) => !previous || previous[c] !== next[c]).map((c) => ({
    category: c,
    from: previous ? previous[c] : null,
    to: next[c],
  }));
}

/** True when any category rose: a significant change that calls for an SRM review. */
export function anyRise(previous: CategoryLevels | null, next: CategoryLevels): boolean {
  return previous !== null && CATEGORIES.some((c) => next[c] > previous[c]);
}

/** Days past the review-by date on `today` (both YYYY-MM-DD); 0 when not overdue. */
export function daysOverdue(reviewBy: string, today: string): number {
  const diff = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${reviewBy}T00:00:00Z`)) / 86_400_000;
  return diff > 0 ? Math.round(diff) : 0;
}

export type WorkflowStatus = 'draft' | 'approved' | 'published' | 'superseded';
export type WorkflowAction = 'edit' | 'approve' | 'return' | 'publish';

/**
 * The version workflow: a draft is edited and approved by someone other than its author, then
 * published; publishing supersedes the previous published version. Approved and published
 * versions are never edited: a change is a new version.
 */
export function nextStatus(status: WorkflowStatus, action: WorkflowAction): WorkflowStatus | null {
  if (action === 'edit') return status === 'draft' ? 'draft' : null;
  if (action === 'approve') return status === 'draft' ? 'approved' : null;
  if (action === 'return') return status === 'approved' ? 'draft' : null;
  return status === 'approved' ? 'published' : null;
}

/** ISO date of `d` in UTC. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
