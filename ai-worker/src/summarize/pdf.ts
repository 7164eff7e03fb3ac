import { PDFParse } from 'pdf-parse';

export interface PdfText {
  text: string;
  pages: number;
  /** 0 when there is no text layer (a scan): such a report needs the image path. */
  confidence: number;
}

/** Text layer of a PDF via pdf-parse v2. */
export async function extractPdfText(data: Uint8Array): Promise<PdfText> {
  // pdf.js may take ownership of (detach) the buffer it is given: pass a copy.
  const parser = new PDFParse({ data: new Uint8Array(data) });
  try {
    const r = await parser.getText({ pageJoiner: '' });
    const text = r.text.replace(/\n{3,}/g, '\n\n').trim();
    const printable = text.replace(/[^\x20-\x7E\u00A0-\u024F\n]/g, '').length;
    const confidence = text.length === 0 ? 0 : Math.min(1, Math.round((printable / text.length) * 100) / 100);
    return { text, pages: r.total, confidence };
  } finally {
    await parser.destroy();
  }
}

export const isPdf = (b: Uint8Array): boolean =>
  b.length > 4 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46; // %PDF
