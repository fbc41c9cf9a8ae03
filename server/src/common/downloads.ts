import type { Response } from 'express';

/** Sends a PDF as a download that no cache keeps (reports and certificates are read once, logged). */
export function sendPdf(res: Response, pdf: { body: Buffer; filename: string }): void {
  res
    .status(200)
    .type('application/pdf')
    .setHeader('Content-Disposition', `attachment; filename="${pdf.filename}"`)
    .setHeader('Cache-Control', 'no-store')
    .send(pdf.body);
}
