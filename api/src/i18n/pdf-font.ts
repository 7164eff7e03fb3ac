import { fileURLToPath } from 'node:url';

/**
 * The font every generated PDF writes with. The PDF standard fonts (Helvetica…) only cover
 * Latin-1, so a patient named in Devanagari printed as "?"; Lohit Devanagari (OFL, from Debian's
 * fonts-lohit-deva, see api/assets/fonts/) has Latin-1 and Devanagari in one face, and pdfkit
 * shapes it (conjuncts, vowel signs) through fontkit and embeds only the glyphs used.
 */
export const PDF_FONT_FILE = fileURLToPath(
  new URL('../../assets/fonts/Lohit-Devanagari.ttf', import.meta.url),
);

/** The name documents select with `doc.font(PDF_FONT)` once `usePdfFont(doc)` registered it. */
export const PDF_FONT = 'Body';

export function usePdfFont(doc: PDFKit.PDFDocument): PDFKit.PDFDocument {
  return doc.registerFont(PDF_FONT, PDF_FONT_FILE).font(PDF_FONT);
}
