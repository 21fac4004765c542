import { describe, expect, it } from 'vitest';
import { srmFixture } from './fixture';
import { flat, pdfInfo, pdfPages, pdfText } from './poppler';
import { renderSrmReportPdf } from './report-pdf';
import { stressFixture } from './stress-fixture';

const generatedAt = new Date('2026-11-23T10:15:00Z');

describe('renderSrmReportPdf', () => {
  it('covers every risk with its measures and every activity with its decision, over several pages', async () => {
    const srm = srmFixture();
    const pdf = await renderSrmReportPdf(srm, { generatedAt });
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(pdfInfo(pdf).Title).toBe('Security Risk Management – Mopti region');

    const raw = pdfText(pdf);
    const text = flat(raw);
    expect(text).toContain(srm.title);
    expect(text).toContain('Mopti region');
    expect(text).toContain('Residual');
    for (const [i, risk] of srm.risks.entries()) expect(text).toContain(`${i + 1}. ${risk.title}`);
    // Activity titles wrap in their column, so look for their start.
    for (const activity of srm.activities) {
      expect(text).toContain(activity.title.split(' ').slice(0, 3).join(' '));
    }
    // Measures with status, cost, effectiveness and evidence; overdue ones flagged in words.
    expect(text).toContain('Evidence: Checked on site by the SA');
    expect(text).toMatch(/Approved, OVERDUE/);
    expect(text).toMatch(/\$\d{1,2},\d{3}/);
    expect(text).toMatch(/[1-5]\/5/);
    // The override is printed in full in the risk's section, with who decided and the computed level.
    expect(text).toContain('Override to Very high by Chief Security Adviser on 2026-10-12 (computed High)');
    expect(text).toContain('until the stand-off distance is extended.');
    // Acceptability decisions with reasons and remedies.
    expect(text).toContain('NOT acceptable');
    expect(text).toContain('Acceptable');
    expect(text).toContain('Very high risk for PC1, with the Executive');
    expect(text).toContain('Executive Head approval: Executive Director, 2026-03-02');
    expect(text).toContain('Residual risk counts implemented measures only');

    // Deterministic structure: the overview is page 1 onwards, the risks start on a page of their own,
    // and every page carries its number.
    const byPage = raw.split('\f').filter((p) => p.trim());
    expect(byPage).toHaveLength(pages);
    expect(byPage[0]).toContain('Risk matrix 1');
    const detailStart = byPage.findIndex((p) => p.includes('Risks and measures'));
    expect(detailStart).toBeGreaterThan(0);
    expect(flat(byPage[detailStart]!)).toContain(`1. ${srm.risks[0]!.title}`);
    byPage.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${pages}`);
    });
  });

  it('gives the same pages and bytes for the same SRM and time', async () => {
    const a = await renderSrmReportPdf(srmFixture(), { generatedAt });
    const b = await renderSrmReportPdf(srmFixture(), { generatedAt });
    expect(a.equals(b)).toBe(true);
  });

  it('paginates an SRM far larger than real ones without losing the page furniture', async () => {
    const pdf = await renderSrmReportPdf(stressFixture(30), { generatedAt });
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThan(10);
    const byPage = pdfText(pdf)
      .split('\f')
      .filter((p) => p.trim());
    expect(byPage).toHaveLength(pages);
    byPage.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${pages}`);
    });
  });

  it('says so when there is nothing to report yet', async () => {
    const pdf = await renderSrmReportPdf({ ...srmFixture(), risks: [], activities: [] }, { generatedAt });
    const text = flat(pdfText(pdf));
    expect(text).toContain('No risks recorded yet.');
    expect(text).toContain('No activities recorded yet.');
  });
});
