/**
 * The PDF document itself: creation with metadata, collection into a Buffer, and the page
 * furniture (header, key figures, footer) that the summary and the report share.
 */
import PDFDocument from 'pdfkit';
import type { SrmDetail } from '../srm.schema';
import { approvalText, documentTitle, kindText, placeText, STATUS_TEXT } from './content';
import { CONTENT_WIDTH, type Doc, day, FONT, INK, line, PAGE, RISK_COLOURS, utcStamp } from './style';

/** Options common to both SRM PDFs. */
export interface SrmPdfOptions {
  /** The time printed in the footer and stored as the creation date; now by default. */
  generatedAt?: Date;
}

/**
 * A new A4 document. Margins are zero because every element is placed explicitly: pdfkit adds a
 * page by itself when text passes the bottom margin, which would break the page structure.
 */
export function createDocument(srm: SrmDetail, subject: string, generatedAt: Date): Doc {
  return new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    info: {
      Title: documentTitle(srm),
      Subject: subject,
      Creator: 'OpenSMIN',
      Producer: 'OpenSMIN',
      Keywords: 'security risk management, SRM',
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
}

/** Ends the document and resolves with its bytes. */
export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

const STATUS_COLOURS: Record<SrmDetail['status'], string> = {
  draft: '#6c757d',
  approved: '#1d5fa8',
  endorsed: '#2e7d32',
  superseded: '#8a4b08',
};

/** The SRM's identity, approval chain and review state; returns the y below it. */
export function drawHeader(doc: Doc, srm: SrmDetail, kicker: string, y: number): number {
  const x = PAGE.margin;
  const badgeW = 78;
  line(doc, kicker.toUpperCase(), x, y, CONTENT_WIDTH - badgeW - 8, {
    font: FONT.bold,
    size: 7,
    color: INK.muted,
  });
  const status = STATUS_TEXT[srm.status].toUpperCase();
  doc
    .save()
    .roundedRect(x + CONTENT_WIDTH - badgeW, y - 2, badgeW, 16, 3)
    .fill(STATUS_COLOURS[srm.status])
    .restore();
  line(doc, status, x + CONTENT_WIDTH - badgeW, y + 2.5, badgeW, {
    font: FONT.bold,
    size: 8,
    color: INK.white,
    align: 'center',
  });
  line(doc, srm.title, x, y + 11, CONTENT_WIDTH - badgeW - 8, {
    font: FONT.bold,
    size: 15,
    color: INK.accent,
  });
  const area = srm.areaCode ? `${placeText(srm)} (${srm.areaCode})` : placeText(srm);
  const period = `Period ${day(srm.periodStart)} to ${day(srm.periodEnd)}`;
  line(doc, `${area} \u00b7 ${kindText(srm)} \u00b7 ${period}`, x, y + 31, CONTENT_WIDTH, { size: 9 });
  line(doc, `Status: ${STATUS_TEXT[srm.status]} \u00b7 ${approvalText(srm)}`, x, y + 44, CONTENT_WIDTH, {
    size: 8,
    color: INK.muted,
  });
  drawReview(doc, srm, x, y + 56);
  const bottom = y + 70;
  doc
    .save()
    .moveTo(x, bottom)
    .lineTo(x + CONTENT_WIDTH, bottom)
    .lineWidth(0.75)
    .stroke(INK.rule)
    .restore();
  return bottom + 6;
}

/** Review due in red, with as many reasons as fit on the line and "+N more" for the rest. */
function drawReview(doc: Doc, srm: SrmDetail, x: number, y: number): void {
  const due = day(srm.review.dueDate);
  if (!srm.review.due) {
    line(doc, `Next review by ${due}`, x, y, CONTENT_WIDTH, { size: 8 });
    return;
  }
  const head = `REVIEW DUE (${due})`;
  doc.font(FONT.bold).fontSize(8);
  const headW = doc.widthOfString(head) + 6;
  line(doc, head, x, y, headW, { font: FONT.bold, size: 8, color: INK.alert });
  const reasons = srm.review.reasons;
  const room = CONTENT_WIDTH - headW;
  doc.font(FONT.regular).fontSize(8);
  let shown = reasons.length;
  const textFor = (n: number) => {
    const more = reasons.length - n;
    return `${reasons.slice(0, n).join('; ')}${more ? `${n ? '; ' : ''}+${more} more` : ''}`;
  };
  while (shown > 1 && doc.widthOfString(textFor(shown)) > room) shown--;
  line(doc, textFor(shown), x + headW, y, room, { size: 8, color: INK.alert });
}

/** The SRM's headline numbers in a band of boxes; returns the y below it. */
export function drawKeyFigures(doc: Doc, srm: SrmDetail, y: number): number {
  const s = srm.summary;
  const boxes: { value: string; caption: string; level?: keyof typeof RISK_COLOURS; alert?: boolean }[] = [
    { value: String(s.risks), caption: 'risks' },
    {
      value: s.highestResidual?.label ?? 'none',
      caption: 'highest residual risk',
      ...(s.highestResidual ? { level: s.highestResidual.level } : {}),
    },
    { value: `${s.implementedMeasures} of ${s.measures}`, caption: 'measures implemented' },
    { value: String(s.overdueMeasures), caption: 'overdue measures', alert: s.overdueMeasures > 0 },
    {
      value: String(s.unacceptableActivities),
      caption: 'activities not acceptable',
      alert: s.unacceptableActivities > 0,
    },
  ];
  const gap = 6;
  const w = (CONTENT_WIDTH - gap * (boxes.length - 1)) / boxes.length;
  boxes.forEach((b, k) => {
    const bx = PAGE.margin + k * (w + gap);
    doc.save().rect(bx, y, w, 32).fill(INK.band).restore();
    if (b.level) doc.save().rect(bx, y, 4, 32).fill(RISK_COLOURS[b.level].fill).restore();
    line(doc, b.value, bx + 8, y + 4, w - 12, {
      font: FONT.bold,
      size: 12,
      color: b.alert ? INK.alert : INK.text,
    });
    line(doc, b.caption, bx + 8, y + 20, w - 12, { size: 7, color: INK.muted });
  });
  return y + 32;
}

/** Footer line: when generated, the residual-risk rule, the page number. */
export function drawFooter(doc: Doc, generatedAt: Date, page: number, pages: number): void {
  const y = PAGE.height - 30;
  const x = PAGE.margin;
  doc
    .save()
    .moveTo(x, y - 5)
    .lineTo(x + CONTENT_WIDTH, y - 5)
    .lineWidth(0.5)
    .stroke(INK.rule)
    .restore();
  const third = CONTENT_WIDTH / 3;
  line(doc, `Generated ${utcStamp(generatedAt)} by OpenSMIN`, x, y, third, { size: 7, color: INK.muted });
  line(doc, 'Residual risk counts implemented measures only', x + third - 20, y, third + 40, {
    font: FONT.bold,
    size: 7,
    color: INK.text,
    align: 'center',
  });
  line(doc, `Page ${page} of ${pages}`, x + 2 * third, y, third, {
    size: 7,
    color: INK.muted,
    align: 'right',
  });
}
