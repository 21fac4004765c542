import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MATRIX } from '../rules';
import { srmFixture } from './fixture';
import { cellLevel, matrixMarks } from './matrix-figure';
import { fitText, pdfSafe } from './style';

describe('matrixMarks', () => {
  it('puts each residual mark in a cell of its effective level, and the inherent mark where it started', () => {
    const srm = srmFixture();
    const marks = matrixMarks(srm);
    srm.risks.forEach((risk, i) => {
      const mine = marks.filter((m) => m.no === i + 1);
      const res = mine.find((m) => m.kind !== 'inherent')!;
      expect(cellLevel(srm.matrix, res.likelihood, res.impact)).toBe(risk.effective.level);
      expect(res.kind).toBe(risk.override ? 'override' : 'residual');
      const inherent = mine.find((m) => m.kind === 'inherent');
      if (inherent) {
        expect(inherent).toMatchObject({ likelihood: risk.likelihood, impact: risk.impact });
        expect(cellLevel(srm.matrix, inherent.likelihood, inherent.impact)).toBe(risk.inherent.level);
      } else {
        // No inherent mark only where it would sit under the residual one.
        expect(res).toMatchObject({ likelihood: risk.likelihood, impact: risk.impact });
      }
    });
  });

  it('moves residual marks by implemented measures only', () => {
    const srm = srmFixture();
    // Risk 1: Likely × Critical with one implemented prevention measure: one step less likely.
    expect(matrixMarks(srm).filter((m) => m.no === 1)).toEqual([
      { no: 1, kind: 'residual', likelihood: 'moderately_likely', impact: 'critical' },
      { no: 1, kind: 'inherent', likelihood: 'likely', impact: 'critical' },
    ]);
    // Risk 8 has approved measures only: it stays where it is.
    expect(matrixMarks(srm).filter((m) => m.no === 8)).toEqual([
      { no: 8, kind: 'residual', likelihood: 'moderately_likely', impact: 'severe' },
    ]);
  });

  it('places an override in the nearest cell of the overriding level', () => {
    const srm = srmFixture();
    // Risk 4 computes High at Moderately likely × Severe; the override says Very high.
    const mark = matrixMarks(srm).find((m) => m.no === 4 && m.kind === 'override')!;
    expect(DEFAULT_MATRIX[mark.likelihood][mark.impact]).toBe('very_high');
    expect(mark).toMatchObject({ likelihood: 'likely', impact: 'critical' });
  });

  it('copes with a stored matrix that is incomplete', () => {
    const srm = { ...srmFixture(), matrix: { likely: { critical: 'high' } } };
    expect(cellLevel(srm.matrix, 'likely', 'critical')).toBe('high');
    expect(cellLevel(srm.matrix, 'unlikely', 'minor')).toBeNull();
    const residualMarks = matrixMarks(srm).filter((m) => m.kind !== 'inherent');
    expect(residualMarks.map((m) => m.no)).toEqual(srm.risks.map((_, i) => i + 1));
  });
});

describe('text for the standard fonts', () => {
  it('keeps Latin-1 and WinAnsi characters, strips accents elsewhere and replaces the rest', () => {
    expect(pdfSafe('Côte d’Ivoire – Sévaré…')).toBe('Côte d’Ivoire – Sévaré…');
    expect(pdfSafe('Łódź, Timișoara → Kraków')).toBe('Lódz, Timisoara -> Kraków');
    expect(pdfSafe('東京 مخاطر')).toBe('?? ?????');
    expect(pdfSafe('two\nlines\tand  tabs')).toBe('two lines and tabs');
  });

  it('cuts text to a width with an ellipsis', () => {
    const doc = new PDFDocument({ size: 'A4', margin: 0 });
    doc.font('Helvetica').fontSize(8);
    const cut = fitText(doc, 'Armed robbery of vehicles on the RN16 between Mopti and Sévaré', 80);
    expect(cut.endsWith('…')).toBe(true);
    expect(doc.widthOfString(cut)).toBeLessThanOrEqual(80);
    expect(fitText(doc, 'Short', 80)).toBe('Short');
    doc.end();
  });
});
