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
}

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
