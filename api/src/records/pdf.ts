import PDFDocument from 'pdfkit';
import { usePdfFont } from '../i18n/pdf-font.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import type { Locale } from '../i18n/locale.ts';
import type { VisitRecord } from './schemas.ts';

/**
 * Visit summary and prescription PDFs, in the patient's language (labels, dates) with one embedded
 * Unicode font (i18n/pdf-font.ts), so names, drugs and notes print in the script they were typed in.
 * What the doctor wrote is printed as written: it is never translated.
 */

export interface PdfPeople {
  patientName: string;
  timezone: string;
  /** The patient's language (users.locale); English when absent. */
  locale?: Locale | string | null;
}

const BRAND = '#0b6e6e';
const INK = '#1b2733';
const MUTED = '#5b6b7a';

function header(doc: PDFKit.PDFDocument, tr: Translator, title: string, v: VisitRecord, p: PdfPeople) {
  doc.fillColor(BRAND).fontSize(11).text(tr.t('email.brand'));
  doc.fillColor(INK).fontSize(20).text(title);
  doc.moveDown(0.5).fontSize(10);
  doc.text(tr.t('pdf.patient', { name: p.patientName }));
  doc.text(tr.t('pdf.doctor', { name: v.doctorName }));
  doc.text(tr.t('pdf.visit', { when: tr.when(new Date(v.visitAt), p.timezone) }));
  doc
    .fillColor(MUTED)
    .fontSize(8)
    .text(tr.t('pdf.record', { id: v.id }));
  doc.fillColor(INK).moveDown();
}

/** A section title: larger and in the brand colour (the embedded face has no bold). */
function section(doc: PDFKit.PDFDocument, title: string) {
  doc.moveDown(0.6).fillColor(BRAND).fontSize(12).text(title).fillColor(INK).fontSize(10).moveDown(0.2);
}

const VITALS = [
  ['temperatureC', '°C'],
  ['pulseBpm', 'bpm'],
  ['systolicMmHg', 'mmHg'],
  ['diastolicMmHg', 'mmHg'],
  ['respiratoryRate', '/min'],
  ['spo2Percent', '%'],
  ['heightCm', 'cm'],
  ['weightKg', 'kg'],
] as const satisfies readonly (readonly [keyof VisitRecord['vitals'], string])[];

const rxLine = (tr: Translator, p: VisitRecord['prescriptions'][number]) =>
  `${tr.t('pdf.rx.line', { drug: p.drug, dose: p.dose, route: tr.t(`pdf.route.${p.route}`), frequency: p.frequency, duration: p.duration })}${p.instructions ? `. ${p.instructions}` : ''}`;

function start(title: string): PDFKit.PDFDocument {
  return usePdfFont(
    new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Author: 'Telehealth Hub' } }),
  );
}

function finish(doc: PDFKit.PDFDocument, tr: Translator) {
  doc.moveDown(2).fillColor(MUTED).fontSize(8).text(tr.t('pdf.footer'));
  doc.end();
  return doc;
}

/** A readable PDF stream of the visit summary; pipe it to the response. */
export function visitSummaryPdf(v: VisitRecord, p: PdfPeople): PDFKit.PDFDocument {
  const tr = translator(p.locale);
  const doc = start(tr.t('pdf.visitSummary'));
  header(doc, tr, tr.t('pdf.visitSummary'), v, p);
  if (v.diagnoses.length) {
    section(doc, tr.t('pdf.diagnoses'));
    for (const d of v.diagnoses) doc.text(`• ${d.code ? `${d.code}  ` : ''}${d.description}`);
  }
  const vitals = VITALS.filter(([k]) => v.vitals[k] !== undefined);
  if (vitals.length) {
    section(doc, tr.t('pdf.vitals'));
    for (const [k, unit] of vitals)
      doc.text(`${tr.t(`pdf.vital.${k}`)}: ${new Intl.NumberFormat(tr.tag).format(v.vitals[k]!)} ${unit}`);
  }
  if (v.notes) {
    section(doc, tr.t('pdf.notes'));
    doc.text(v.notes);
  }
  if (v.prescriptions.length) {
    section(doc, tr.t('pdf.prescriptions'));
    v.prescriptions.forEach((rx, i) => doc.text(`${i + 1}. ${rxLine(tr, rx)}`));
  }
  if (v.labResults.length) {
    section(doc, tr.t('pdf.labResults'));
    for (const l of v.labResults) {
      const extra = [
        l.referenceRange ? tr.t('pdf.reference', { range: l.referenceRange }) : '',
        l.flag && l.flag !== 'normal' ? l.flag.toUpperCase() : '',
      ]
        .filter(Boolean)
        .join(', ');
      doc.text(`${l.test}: ${l.value}${l.unit ? ` ${l.unit}` : ''}${extra ? ` (${extra})` : ''}`);
    }
  }
  return finish(doc, tr);
}

/** One prescription item as a printable document. */
export function prescriptionPdf(
  v: VisitRecord,
  rx: VisitRecord['prescriptions'][number],
  p: PdfPeople,
): PDFKit.PDFDocument {
  const tr = translator(p.locale);
  const doc = start(tr.t('pdf.prescription'));
  header(doc, tr, tr.t('pdf.prescription'), v, p);
  doc.fillColor(BRAND).fontSize(28).text('Rx').fillColor(INK).fontSize(10).moveDown(0.5);
  const rows = [
    ['pdf.rx.drug', rx.drug],
    ['pdf.rx.dose', rx.dose],
    ['pdf.rx.route', tr.t(`pdf.route.${rx.route}`)],
    ['pdf.rx.frequency', rx.frequency],
    ['pdf.rx.duration', rx.duration],
    ...(rx.instructions ? [['pdf.rx.instructions', rx.instructions] as const] : []),
  ] as const;
  for (const [k, val] of rows)
    doc
      .fillColor(MUTED)
      .text(`${tr.t(k)}: `, { continued: true })
      .fillColor(INK)
      .text(val);
  doc
    .moveDown()
    .fillColor(MUTED)
    .fontSize(8)
    .text(tr.t('pdf.prescriptionId', { id: rx.id }))
    .fillColor(INK);
  doc.moveDown(3).fontSize(10).text(v.doctorName);
  return finish(doc, tr);
}
