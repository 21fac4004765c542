/**
 * In-trip alerts when a level rises (issue 7, DOMAIN.md §3 and §8): when a published threat
 * assessment or travel advisory raises any category's level over the version before it, everyone
 * present there now (who-is-where: travellers and dependants included) gets one alert with
 * guidance. A drop, an unchanged level or a first version alerts no one. Pure rules here; the
 * query and the outbox write are in level-alert.service.ts.
 */
import {
  CATEGORIES,
  CATEGORY_LABELS,
  type CategoryLevels,
  LEVEL_NAMES,
  type Level,
  type LevelChange,
} from './rules';

export const LEVEL_ALERT_TOPIC = 'threat.level_alert';

export type LevelAlertKind = 'assessment' | 'advisory';

/** The categories that rose (a version with no predecessor raises nothing). */
export function levelRises(changes: readonly LevelChange[]): LevelChange[] {
  return changes.filter((c) => c.from !== null && c.to > c.from);
}

/**
 * One alert per version and new levels: `threat.level_alert:<kind>:<id>:<levels>` with the four
 * levels in canonical category order. A version's levels never change once published, so the key
 * can be recomputed from the version to find its alert.
 */
export function levelAlertKey(kind: LevelAlertKind, id: string, levels: CategoryLevels): string {
  return `${LEVEL_ALERT_TOPIC}:${kind}:${id}:${CATEGORIES.map((c) => levels[c]).join('')}`;
}

/** What to do at a level, for the highest level that rose. */
export function guidanceFor(level: Level): string {
  if (level >= 5)
    return 'Keep movements to what is essential and cleared; stay in contact with your security focal point; review your relocation arrangements and keep your grab bag ready.';
  if (level >= 3)
    return 'Review your movement plans and check in with your security focal point before travelling within the area; avoid crowds and demonstrations.';
  return 'Stay informed and follow the advice of your security focal point.';
}

export interface LevelAlertFacts {
  kind: LevelAlertKind;
  id: string;
  countryCode: string;
  areaId: string | null;
  areaCode: string | null;
  areaName: string | null;
  /** The advisory's published guidance, when the alert is about an advisory. */
  guidance?: string | null;
}

export interface LevelAlertPayload {
  subject: string;
  text: string;
  kind: LevelAlertKind;
  assessmentId?: string;
  advisoryId?: string;
  countryCode: string;
  areaId: string | null;
  areaCode: string | null;
  rises: { category: string; from: number; to: number }[];
  highest: number;
}

const MAX_GUIDANCE = 600;

/** The alert: where, which categories rose and to what, and what to do. No names, no narrative. */
export function buildLevelAlert(f: LevelAlertFacts, rises: readonly LevelChange[]): LevelAlertPayload {
  const up = levelRises(rises);
  const highest = Math.max(...up.map((r) => r.to)) as Level;
  const where = f.areaName ? `${f.areaName}, ${f.countryCode}` : f.countryCode;
  const what = f.kind === 'assessment' ? 'threat level' : 'travel advisory level';
  const lines = up.map(
    (r) =>
      `- ${CATEGORY_LABELS[r.category]}: ${r.from} ${LEVEL_NAMES[r.from as Level]} → ${r.to} ${LEVEL_NAMES[r.to]}`,
  );
  const published = f.guidance?.trim();
  const advice = published
    ? published.length > MAX_GUIDANCE
      ? `${published.slice(0, MAX_GUIDANCE - 1)}…`
      : published
    : guidanceFor(highest);
  return {
    subject: `[OpenSMIN] ${f.kind === 'assessment' ? 'Threat level' : 'Travel advisory'} raised in ${where}: now ${highest} ${LEVEL_NAMES[highest]}`,
    text: [
      `The ${what} was raised where you are (${where}):`,
      lines.join('\n'),
      `What to do: ${advice}`,
      'Follow the instructions of your security focal point; reply safe/not safe when asked. The current advisory is in OpenSMIN (sign-in required).',
    ].join('\n\n'),
    kind: f.kind,
    ...(f.kind === 'assessment' ? { assessmentId: f.id } : { advisoryId: f.id }),
    countryCode: f.countryCode,
    areaId: f.areaId,
    areaCode: f.areaCode,
    rises: up.map((r) => ({ category: r.category, from: r.from as number, to: r.to })),
    highest,
  };
}
