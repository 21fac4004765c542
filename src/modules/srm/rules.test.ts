import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptability,
  counts,
  countsIfApprovedDone,
  DEFAULT_MATRIX,
  IMPACTS,
  isOverdueMeasure,
  LIKELIHOODS,
  MEASURE_STATUSES,
  type MeasureEffect,
  nextMeasureStatus,
  PC_LEVELS,
  RISKS,
  residual,
  riskOf,
  riskRank,
  validateMatrix,
} from './rules';

const arbMeasure: fc.Arbitrary<MeasureEffect> = fc.record({
  kind: fc.constantFrom('prevention', 'mitigation'),
  steps: fc.integer({ min: 0, max: 2 }),
  status: fc.constantFrom(...MEASURE_STATUSES),
});
const arbInherent = fc.record({
  likelihood: fc.constantFrom(...LIKELIHOODS),
  impact: fc.constantFrom(...IMPACTS),
});

describe('risk matrix', () => {
  it('the default matrix is the one of the domain brief and is valid', () => {
    expect(validateMatrix(DEFAULT_MATRIX).ok).toBe(true);
    expect(riskOf(DEFAULT_MATRIX, 'very_likely', 'critical')).toBe('unacceptable');
    expect(riskOf(DEFAULT_MATRIX, 'likely', 'severe')).toBe('high');
    expect(riskOf(DEFAULT_MATRIX, 'moderately_likely', 'moderate')).toBe('medium');
    expect(riskOf(DEFAULT_MATRIX, 'unlikely', 'critical')).toBe('medium');
    expect(riskOf(DEFAULT_MATRIX, 'very_unlikely', 'severe')).toBe('low');
  });

  it('names missing cells, unknown levels and unknown rows', () => {
    const broken = structuredClone(DEFAULT_MATRIX) as unknown as Record<string, Record<string, string>>;
    delete broken.likely!.severe;
    broken.unlikely!.minor = 'catastrophic';
    broken.sometimes = {};
    const r = validateMatrix(broken);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.field)).toEqual([
      'matrix.sometimes',
      'matrix.unlikely.minor',
      'matrix.likely.severe',
    ]);
  });

  it('refuses a matrix where risk falls as likelihood rises', () => {
    const m = structuredClone(DEFAULT_MATRIX);
    m.likely.critical = 'low';
    const r = validateMatrix(m);
    expect(!r.ok && r.errors[0]!.field).toBe('matrix.likely.critical');
  });
});

describe('residual risk', () => {
  it('never exceeds inherent risk (property)', () => {
    fc.assert(
      fc.property(arbInherent, fc.array(arbMeasure, { maxLength: 8 }), (inherent, measures) => {
        const before = riskOf(DEFAULT_MATRIX, inherent.likelihood, inherent.impact);
        expect(riskRank(residual(DEFAULT_MATRIX, inherent, measures).risk)).toBeLessThanOrEqual(
          riskRank(before),
        );
      }),
    );
  });

  it('an unimplemented measure never lowers residual risk (property)', () => {
    fc.assert(
      fc.property(arbInherent, fc.array(arbMeasure, { maxLength: 8 }), (inherent, measures) => {
        const inPlace = measures.filter((m) => counts(m.status));
        expect(residual(DEFAULT_MATRIX, inherent, measures)).toEqual(
          residual(DEFAULT_MATRIX, inherent, inPlace),
        );
      }),
    );
  });

  it('the expected residual (if approved measures were done) is never above the actual (property)', () => {
    fc.assert(
      fc.property(arbInherent, fc.array(arbMeasure, { maxLength: 8 }), (inherent, measures) => {
        const actual = residual(DEFAULT_MATRIX, inherent, measures);
        const expected = residual(DEFAULT_MATRIX, inherent, measures, countsIfApprovedDone);
        expect(riskRank(expected.risk)).toBeLessThanOrEqual(riskRank(actual.risk));
      }),
    );
  });

  it('lowers likelihood for prevention and impact for mitigation, stopping at the bottom', () => {
    const r = residual(DEFAULT_MATRIX, { likelihood: 'likely', impact: 'severe' }, [
      { kind: 'prevention', steps: 2, status: 'implemented' },
      { kind: 'mitigation', steps: 2, status: 'verified' },
      { kind: 'mitigation', steps: 2, status: 'verified' },
      { kind: 'prevention', steps: 2, status: 'approved' },
    ]);
    expect(r).toEqual({ likelihood: 'unlikely', impact: 'negligible', risk: 'very_low' });
  });
});

describe('measures', () => {
  it('follow proposed → approved → implemented → verified', () => {
    expect(nextMeasureStatus('proposed', 'approve')).toBe('approved');
    expect(nextMeasureStatus('approved', 'implement')).toBe('implemented');
    expect(nextMeasureStatus('implemented', 'verify')).toBe('verified');
    expect(nextMeasureStatus('proposed', 'implement')).toBeNull();
    expect(nextMeasureStatus('verified', 'reject')).toBeNull();
  });

  it('are overdue when approved and past their agreed date', () => {
    expect(isOverdueMeasure({ status: 'approved', agreedDate: '2026-01-01' }, '2026-02-01')).toBe(true);
    expect(isOverdueMeasure({ status: 'implemented', agreedDate: '2026-01-01' }, '2026-02-01')).toBe(false);
    expect(isOverdueMeasure({ status: 'approved', agreedDate: '2026-03-01' }, '2026-02-01')).toBe(false);
  });
});

describe('acceptable risk', () => {
  it('follows the programme criticality table exhaustively', () => {
    const table: Record<(typeof RISKS)[number], (pc: number) => boolean> = {
      very_low: () => true,
      low: () => true,
      medium: (pc) => pc <= 3,
      high: (pc) => pc <= 2,
      very_high: (pc) => pc === 1,
      unacceptable: () => false,
    };
    for (const risk of RISKS) {
      for (const pc of PC_LEVELS) {
        expect(acceptability(risk, pc, true).acceptable, `${risk} PC${pc}`).toBe(table[risk](pc));
      }
    }
  });

  it('very high risk needs the Executive Head for PC1; high risk needs a PC assessment', () => {
    expect(acceptability('very_high', 1, false)).toMatchObject({
      acceptable: false,
      executiveHeadApprovalNeeded: true,
    });
    expect(acceptability('very_high', 1, true)).toMatchObject({ acceptable: true });
    expect(acceptability('high', null, false)).toMatchObject({
      acceptable: false,
      remedy: expect.stringContaining('programme criticality'),
    });
    expect(acceptability('unacceptable', 1, true).remedy).toContain('Lower the residual risk');
  });
});

describe('the default matrix shipped with the schema', () => {
  it('is the one of the rules', async () => {
    const fs = await import('node:fs');
    const sqlText = fs.readFileSync(
      new URL('../../db/migrations/20261123T1200_srm.sql', import.meta.url),
      'utf8',
    );
    const json = sqlText.match(/VALUES \(1, '([^']+)'/)?.[1];
    expect(JSON.parse(json ?? 'null')).toEqual(DEFAULT_MATRIX);
  });
});
