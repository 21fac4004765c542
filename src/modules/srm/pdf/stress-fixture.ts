/**
 * An SRM far larger than any real one, with the longest texts the schema allows and characters
 * outside the standard fonts: the summary must still be one page and the report must not break.
 */
import type { SrmDetail } from '../srm.schema';
import { srmFixture } from './fixture';

const long = (words: string, length: number) =>
  words.repeat(Math.ceil(length / words.length)).slice(0, length);

/** `risks` copies of the fixture's risks with long texts, every measure overdue, all activities unacceptable. */
export function stressFixture(risks = 72): SrmDetail {
  const base = srmFixture();
  const list = Array.from({ length: risks }, (_, i) => {
    const r = base.risks[i % base.risks.length]!;
    return {
      ...r,
      id: `r-${i}`,
      title: `${i + 1} ${long(`${r.title} – Łódź 東京 مخاطر → `, 300)}`,
      exposed: long('All staff, dependants and contractors in the district. ', 1000),
      override: r.override && { ...r.override, reason: long('A long judgement recorded by the SA. ', 2000) },
      measures: r.measures.map((m, k) => ({
        ...m,
        id: `m-${i}-${k}`,
        title: long(`${m.title} `, 300),
        overdue: true,
        evidence: long('Evidence with a reference and an inspection note. ', 4000),
      })),
    };
  });
  const activities = Array.from({ length: 40 }, (_, i) => ({
    ...base.activities[2]!,
    id: `a-${i}`,
    title: long(`Activity ${i + 1} in a remote district `, 300),
    acceptable: false,
  }));
  return {
    ...base,
    kind: 'country',
    title: long('Security risk management for the whole country and its areas ', 200),
    countryName: 'Łódź – 東京',
    areaName: null,
    areaCode: null,
    status: 'draft',
    approvedAt: null,
    smtConsultedOn: null,
    review: {
      due: true,
      dueDate: '2026-01-01',
      reasons: Array.from({ length: 12 }, (_, i) => `reason ${i + 1}: a significant change in the situation`),
    },
    risks: list,
    activities,
    summary: {
      ...base.summary,
      risks: list.length,
      measures: list.reduce((n, r) => n + r.measures.length, 0),
      overdueMeasures: list.reduce((n, r) => n + r.measures.length, 0),
      unacceptableActivities: activities.length,
    },
  };
}
