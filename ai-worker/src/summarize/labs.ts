import type { AbnormalValue } from './schema.ts';

/**
 * Finds "name value unit range" rows in report text and flags values outside the range printed
 * in the report itself (we never substitute our own reference ranges).
 */
const NUM = String.raw`\d+(?:[.,]\d+)?`;
const ROW_RE = new RegExp(
  String.raw`^\s*([A-Za-z][A-Za-z0-9 ()/,.%+'-]*?[A-Za-z0-9)])\s*[:=]?\s+([<>]?\s?${NUM})\s*([A-Za-zµμ%/][^\s\d(]*(?:\/[A-Za-z]+)?)?\s*[([]?\s*(?:(?:ref(?:erence)?\.?(?:\s+(?:range|interval))?|normal|bio\.?\s*ref\.?\s*interval)\s*[:=]?\s*)?(${NUM}\s*(?:-|–|to)\s*${NUM}|(?:<|>|≤|≥|<=|>=|up to|upto|less than|more than)\s*${NUM})\s*[)\]]?\s*(H|L|High|Low|HIGH|LOW|\*)?\s*$`,
);

const toNum = (s: string): number => Number(s.replace(/\s/g, '').replace(',', '.').replace(/^[<>]/, ''));

export function findAbnormalValues(text: string): { abnormal: AbnormalValue[]; rowsWithRange: number } {
  const abnormal: AbnormalValue[] = [];
  let rowsWithRange = 0;
  for (const line of text.split(/\r?\n/)) {
    const m = ROW_RE.exec(line.replace(/\t/g, ' '));
    if (!m) continue;
    const [, name, rawValue, unit, range] = m;
    if (!name || !rawValue || !range) continue;
    rowsWithRange++;
    const v = toNum(rawValue);
    let flag: AbnormalValue['flag'] | null = null;
    const between = range.match(new RegExp(String.raw`(${NUM})\s*(?:-|–|to)\s*(${NUM})`));
    if (between) {
      const lo = toNum(between[1]!);
      const hi = toNum(between[2]!);
      if (v < lo) flag = 'low';
      else if (v > hi) flag = 'high';
    } else {
      const lim = toNum(range.match(new RegExp(NUM))![0]);
      if (/^(?:<|≤|<=|up ?to|less)/i.test(range) && v > lim) flag = 'high';
      if (/^(?:>|≥|>=|more)/i.test(range) && v < lim) flag = 'low';
    }
    if (flag)
      abnormal.push({
        name: name.trim(),
        value: rawValue.replace(/\s/g, ''),
        unit: unit ?? null,
        referenceRange: range.trim(),
        flag,
      });
  }
  return { abnormal, rowsWithRange };
}
