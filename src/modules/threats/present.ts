import type { AdvisoryRow } from './advisories.repository';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  type CategoryLevels,
  daysOverdue,
  highest,
  highestFirst,
  LEVEL_NAMES,
  type LevelChange,
} from './rules';
import type { AssessmentRow, LevelRow } from './threats.repository';
import type { Advisory, Assessment } from './threats.schema';

/** Levels highest first with labels, and the highest emphasised: how every view shows them. */
export function presentLevels(levels: CategoryLevels) {
  const top = highest(levels);
  return {
    highest: { level: top.level, name: LEVEL_NAMES[top.level], categories: top.categories },
    levels: highestFirst(levels).map(({ category, level }) => ({
      category,
      label: CATEGORY_LABELS[category],
      level,
      name: LEVEL_NAMES[level],
    })),
  };
}

export function levelsFromRows(rows: LevelRow[]): CategoryLevels {
  return Object.fromEntries(
    CATEGORIES.map((c) => [c, rows.find((r) => r.category === c)?.level ?? 1]),
  ) as CategoryLevels;
}

export function presentAssessment(r: AssessmentRow, rows: LevelRow[]): Assessment {
  const mine = rows.filter((l) => l.assessment_id === r.id);
  return {
    id: r.id,
    areaId: r.area_id,
    areaCode: r.area_code,
    areaName: r.area_name,
    countryCode: r.country_code,
    number: r.number,
    status: r.status,
    effectiveDate: r.effective_date,
    summary: r.summary,
    ...presentLevels(levelsFromRows(mine)),
    categories: Object.fromEntries(
      mine.map((l) => [
        l.category,
        {
          level: l.level,
          intent: l.intent,
          capability: l.capability,
          inhibitingContext: l.inhibiting_context,
          narrative: l.narrative,
        },
      ]),
    ) as Assessment['categories'],
    legacySecurityLevel: r.legacy_security_level,
    source: r.source,
    createdBy: r.created_by,
    approvedBy: r.approved_by,
    approvedAt: r.approved_at?.toISOString() ?? null,
    publishedAt: r.published_at?.toISOString() ?? null,
    version: r.version,
  };
}

export function presentAdvisory(r: AdvisoryRow, today: string, changes: LevelChange[]): Advisory {
  const levels = r.levels as CategoryLevels;
  const overdueDays = r.status === 'published' ? daysOverdue(r.review_by, today) : 0;
  return {
    id: r.id,
    countryCode: r.country_code,
    countryName: r.country_name,
    areaId: r.area_id,
    areaCode: r.area_code,
    areaName: r.area_name,
    number: r.number,
    status: r.status,
    headline: r.headline,
    guidance: r.guidance,
    ...presentLevels(levels),
    requiredClearance: r.required_clearance,
    requiredTraining: r.required_training as string[],
    contacts: r.contacts as Advisory['contacts'],
    effectiveDate: r.effective_date,
    reviewBy: r.review_by,
    overdue: overdueDays > 0,
    daysOverdue: overdueDays,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    approvedAt: r.approved_at?.toISOString() ?? null,
    publishedAt: r.published_at?.toISOString() ?? null,
    changes,
    version: r.version,
  };
}
