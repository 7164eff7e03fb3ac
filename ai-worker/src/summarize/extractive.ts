import { findAbnormalValues } from './labs.ts';
import type { Summary } from './schema.ts';

const KEY_LINE =
  /\b(?:impression|conclusion|diagnosis|diagnoses|findings?|opinion|advice|advised|recommend(?:ed|ation)?|suggest(?:ed|ive)|suspicious|consistent with|final diagnosis|assessment)\b/i;
const FOLLOW_UP =
  /\b(?:follow[- ]?up|review|refer(?:ral|red)?|recommend|repeat|correlate clinically|suspicious|urgent|biopsy|further evaluation)\b/i;

/** Local mode: no model. Key sentences from the report plus values outside their printed ranges. */
export function extractiveSummary(text: string, transcriptionConfidence: number): Summary {
  const { abnormal, rowsWithRange } = findAbnormalValues(text);
  const lines = text
    .split(/\r?\n|(?<=\.)\s+(?=[A-Z])/)
    .map((l) => l.trim())
    .filter((l) => l.length > 8);
  const key = lines.filter((l) => KEY_LINE.test(l)).slice(0, 6);
  const abnormalText = abnormal.map(
    (a) => `${a.name} ${a.value}${a.unit ? ` ${a.unit}` : ''} (${a.flag}; reference ${a.referenceRange})`,
  );
  const parts: string[] = [];
  if (rowsWithRange > 0) {
    parts.push(
      abnormal.length
        ? `${abnormal.length} of ${rowsWithRange} measured values are outside the reference range printed in the report: ${abnormal.map((a) => `${a.name} (${a.flag})`).join(', ')}.`
        : `All ${rowsWithRange} measured values are within the reference ranges printed in the report.`,
    );
  }
  if (key.length) parts.push(key.slice(0, 2).join(' '));
  if (!parts.length) parts.push(lines.slice(0, 2).join(' ') || 'No readable text was found in the report.');
  return {
    summary: parts.join(' '),
    keyFindings: [...key, ...abnormalText].slice(0, 12),
    abnormalValues: abnormal,
    followUpNeeded: abnormal.length > 0 || key.some((l) => FOLLOW_UP.test(l)),
    transcriptionConfidence,
    promptVersion: null,
    source: 'extractive',
  };
}
