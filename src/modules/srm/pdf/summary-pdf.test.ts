import { describe, expect, it } from 'vitest';
import { overdueMeasures, topRisks, unacceptableActivities } from './content';
import { srmFixture } from './fixture';
import { flat, pdfInfo, pdfPages, pdfText } from './poppler';
import { stressFixture } from './stress-fixture';
import { allocateRows, renderSrmSummaryPdf } from './summary-pdf';

const generatedAt = new Date('2026-11-23T10:15:00Z');

describe('renderSrmSummaryPdf', () => {
  it('is one A4 page with the SRM, the matrix, the top risks and the residual-risk rule', async () => {
    const srm = srmFixture();
    expect(srm.risks).toHaveLength(12);
    expect(srm.risks.flatMap((r) => r.measures)).toHaveLength(30);
    const pdf = await renderSrmSummaryPdf(srm, { generatedAt });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPages(pdf)).toBe(1);
    const info = pdfInfo(pdf);
    expect(info['Page size']).toMatch(/^595\.2\d? x 841\.8\d? pts \(A4\)/);
    expect(info.Title).toBe('Security Risk Management – Mopti region');

    const text = flat(pdfText(pdf));
    expect(text).toContain('Mopti region');
    expect(text).toContain(srm.title);
    expect(text).toContain('Residual');
    const first = topRisks(srm)[0]!.risk;
    expect(first.title).toBe('Complex attack on the UN compound');
    expect(text).toContain(first.title);
    expect(text).toContain('override (computed High)');
    expect(text).toContain('REVIEW DUE (2026-11-15)');
    expect(text).toContain('major incident on 2026-11-02 (IED, Sévaré)');
    expect(text).toContain('Residual risk counts implemented measures only');
    expect(text).toContain('Generated 2026-11-23 10:15 UTC');
    // Matrix labels are printed, not only coloured.
    for (const label of [
      'Very likely',
      'Very unlikely',
      'Negligible',
      'Critical',
      'Unacceptable',
      'LIKELIHOOD',
      'IMPACT',
    ]) {
      expect(text).toContain(label);
    }
    // 7 overdue measures do not all fit beside 12 risks: the list is cut with "+N more".
    expect(overdueMeasures(srm)).toHaveLength(7);
    expect(text).toMatch(/\+[1-9]\d* more/);
    expect(text).toContain('Cold-chain delivery to health centres');
    expect(text).not.toContain('Monitoring visits to IDP sites'); // acceptable: not listed
    expect(unacceptableActivities(srm)).toHaveLength(3);
  });

  it('stays on one page whatever the input: long texts, 72 risks, hundreds of overdue measures', async () => {
    const srm = stressFixture();
    const pdf = await renderSrmSummaryPdf(srm, { generatedAt });
    expect(pdfPages(pdf)).toBe(1);
    const text = flat(pdfText(pdf));
    const more = [...text.matchAll(/\+(\d+) more/g)].map((m) => Number(m[1]));
    // Review reasons, top risks, overdue measures and activities are all cut.
    expect(more.length).toBeGreaterThanOrEqual(4);
    expect(text).toContain('DRAFT');
    expect(text).toContain('Page 1 of 1');
    // Characters outside the standard fonts are replaced, never printed as garbage.
    expect(text).not.toMatch(/[東京مخاطر]/u);
    expect(text).toContain('Lódz');
  });

  it('says so when an SRM has no risks, measures or activities yet', async () => {
    const srm = { ...srmFixture(), risks: [], activities: [] };
    const pdf = await renderSrmSummaryPdf(srm, { generatedAt });
    expect(pdfPages(pdf)).toBe(1);
    const text = flat(pdfText(pdf));
    expect(text).toContain('No risks recorded yet.');
    expect(text).toContain('None: every approved measure is within its agreed date.');
  });

  it('is byte-for-byte the same for the same SRM and time', async () => {
    const a = await renderSrmSummaryPdf(srmFixture(), { generatedAt });
    const b = await renderSrmSummaryPdf(srmFixture(), { generatedAt });
    expect(a.equals(b)).toBe(true);
  });
});

describe('allocateRows', () => {
  it('gives every section its rows when they fit', () => {
    expect(allocateRows([4, 2, 0], 20)).toEqual([4, 2, 1]);
  });

  it('keeps a few rows for each section and gives the rest in priority order', () => {
    expect(allocateRows([30, 10, 10], 20)).toEqual([12, 4, 4]);
    expect(allocateRows([2, 30, 30], 20)).toEqual([2, 14, 4]);
  });

  it('never gives more rows than the capacity once the minimums are met', () => {
    for (const counts of [
      [0, 0, 0],
      [100, 100, 100],
      [1, 50, 2],
    ]) {
      const rows = allocateRows(counts, 18);
      expect(rows.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(18);
      rows.forEach((r, k) => {
        expect(r).toBeGreaterThanOrEqual(1);
        expect(r).toBeLessThanOrEqual(Math.max(1, counts[k]!));
      });
    }
  });
});
