import type { IncidentTotals, Nature, Relevance } from '../api/incident-types';
import { NATURE_LABELS, RELEVANCE_LABELS } from './labels';

/** Violence, safety or situational, coloured like the map's points; the name is always printed. */
export function NatureBadge({ nature }: { nature: Nature }) {
  return (
    <span className={`badge nature-${nature}`} data-nature={nature}>
      {NATURE_LABELS[nature]}
    </span>
  );
}

/** Shown only for entries that did not affect the organization: near misses and situational ones. */
export function RelevanceBadge({ relevance }: { relevance: Relevance }) {
  if (relevance === 'organization') return null;
  return (
    <span className={`badge relevance-${relevance}`} data-relevance={relevance}>
      {RELEVANCE_LABELS[relevance]}
    </span>
  );
}

/** "3 affected: 1 killed, 2 injured", or "No one affected". */
export function totalsText(t: IncidentTotals): string {
  if (t.affected === 0) return 'No one affected';
  const parts = (
    [
      [t.killed, 'killed'],
      [t.injured, 'injured'],
      [t.kidnapped, 'kidnapped'],
      [t.arrested, 'arrested'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`);
  return `${t.affected} affected${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
