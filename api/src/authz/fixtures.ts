/** Byte fixtures the rows send. */
import PDFDocument from 'pdfkit';

/** A one-page lab report with a text layer (the vault sniffs the type; summaries read the text). */
export function labReportPdf(marker: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument();
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    doc.fontSize(14).text(`City Diagnostics - Complete Blood Count (${marker})`);
    doc.fontSize(11).text('Test            Result     Units     Reference range');
    doc.text('Hemoglobin      13.1       g/dL      12.0 - 15.5');
    doc.text('Impression: within normal limits.');
    doc.end();
  });
}
