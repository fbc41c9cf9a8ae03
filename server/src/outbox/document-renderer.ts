import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import type { Language } from './outbox-types';

// Pretendard (SIL Open Font License 1.1) comes from npm, so Hangul renders on any machine without
// system fonts. The TrueType cut: pdfkit subsets and embeds it with a ToUnicode map, so the
// text of a generated PDF can be searched and copied.
const FONT_REGULAR = require.resolve('pretendard/dist/public/static/alternative/Pretendard-Regular.ttf');
const FONT_BOLD = require.resolve('pretendard/dist/public/static/alternative/Pretendard-Bold.ttf');

export interface DocumentInput {
  title: string;
  body: string;
  language: Language;
  /** Shown in the footer, for example the template and version it came from. */
  footer?: string;
  /** Headings, paragraphs and tables after the body (an export package, a long list). */
  blocks?: DocumentBlock[];
}

export type DocumentBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | {
      kind: 'table';
      columns: string[];
      rows: string[][];
      /** Relative column widths (default: equal). */
      widths?: number[];
    };

const TABLE_FONT_SIZE = 8;
const CELL_PAD = 3;

/** Letters, notices and certificates as A4 PDFs. */
@Injectable()
export class DocumentRenderer {
  async renderPdf(input: DocumentInput): Promise<Buffer> {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 72, bottom: 72, left: 64, right: 64 },
      info: { Title: input.title, Creator: 'Privacy Operations Console' },
      lang: input.language,
      bufferPages: true,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<void>((resolve, reject) => {
      doc.on('end', resolve);
      doc.on('error', reject);
    });
    doc.registerFont('regular', FONT_REGULAR);
    doc.registerFont('bold', FONT_BOLD);
    doc.font('bold').fontSize(18).text(input.title, { align: 'center' });
    doc.moveDown(1.5);
    doc.font('regular').fontSize(11);
    for (const paragraph of input.body.split(/\n{2,}/)) {
      doc.text(paragraph.trim(), { lineGap: 3 });
      doc.moveDown(0.8);
    }
    for (const block of input.blocks ?? []) renderBlock(doc, block);
    if (input.footer !== undefined) {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i += 1) {
        doc.switchToPage(i);
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc
          .font('regular')
          .fontSize(8)
          .fillColor('#666666')
          .text(`${input.footer} · ${i + 1}/${range.count}`, doc.page.margins.left, doc.page.height - 40, {
            width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
            align: 'center',
          });
        doc.page.margins.bottom = bottom;
      }
    }
    doc.end();
    await done;
    return Buffer.concat(chunks);
  }
}

/** One block at the cursor; a table breaks across pages between rows and repeats its header. */
function renderBlock(doc: PDFKit.PDFDocument, block: DocumentBlock): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  switch (block.kind) {
    case 'heading':
      if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
      doc.moveDown(0.6).font('bold').fontSize(13).fillColor('#000000').text(block.text, left, doc.y, { width });
      doc.moveDown(0.3).font('regular').fontSize(11);
      return;
    case 'paragraph':
      doc.font('regular').fontSize(10).fillColor('#000000').text(block.text, left, doc.y, { width, lineGap: 2 });
      doc.moveDown(0.4).fontSize(11);
      return;
    case 'table': {
      const weights = block.widths ?? block.columns.map(() => 1);
      const total = weights.reduce((a, b) => a + b, 0);
      const widths = weights.map((w) => (w / total) * width);
      const bottom = () => doc.page.height - doc.page.margins.bottom;
      const row = (cells: string[], header: boolean) => {
        doc.font(header ? 'bold' : 'regular').fontSize(TABLE_FONT_SIZE);
        const height =
          Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 2 * CELL_PAD }))) + 2 * CELL_PAD;
        if (doc.y + height > bottom()) {
          doc.addPage();
          if (!header) row(block.columns, true);
          doc.font('regular').fontSize(TABLE_FONT_SIZE);
        }
        const top = doc.y;
        let x = left;
        cells.forEach((cell, i) => {
          doc.text(cell, x + CELL_PAD, top + CELL_PAD, { width: widths[i] - 2 * CELL_PAD });
          x += widths[i];
        });
        doc
          .moveTo(left, top + height)
          .lineTo(left + width, top + height)
          .lineWidth(header ? 0.8 : 0.3)
          .strokeColor('#999999')
          .stroke();
        doc.x = left;
        doc.y = top + height;
      };
      row(block.columns, true);
      for (const cells of block.rows) row(cells, false);
      doc.moveDown(0.6).font('regular').fontSize(11);
      return;
    }
    default: {
      const unknown: never = block;
      throw new Error(`Unknown block ${JSON.stringify(unknown)}`);
    }
  }
}
