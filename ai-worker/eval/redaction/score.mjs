// Scorer for the independent PII-redaction evaluation set (dev.jsonl / holdout.jsonl).
// Pure ESM, no dependencies, no I/O. Written without reading the detector implementation.
//
//   import { scoreRedaction } from './score.mjs';
//   const report = scoreRedaction(notes, (text) => redact(text).entities);
//
// Offsets are UTF-16 code-unit indices (JavaScript string indices), end-exclusive.

export const TYPES = ['NAME', 'EMAIL', 'PHONE', 'ADDRESS', 'DATE', 'AGE', 'ID', 'URL', 'IP'];
export const CORE_TYPES = ['NAME', 'PHONE', 'EMAIL', 'ID'];
export const COVERAGE_THRESHOLD = 0.9;

/** Parse JSONL text into notes (helper; pure). */
export function parseJsonl(text) {
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

// Accept an array of spans, or a redact()-style result {text, entities}.
function normalizePredictions(out, text) {
  const arr = Array.isArray(out) ? out : out && Array.isArray(out.entities) ? out.entities : null;
  if (!arr) {
    if (out && typeof out.then === 'function') throw new TypeError('predict returned a Promise; use scoreRedactionAsync');
    throw new TypeError('predict must return an array of {type,start,end} (or {entities:[…]})');
  }
  const n = text.length;
  return arr
    .map((e) => ({ type: e.type, start: Math.max(0, Math.min(n, Number(e.start))), end: Math.max(0, Math.min(n, Number(e.end))) }))
    .filter((e) => Number.isFinite(e.start) && Number.isFinite(e.end) && e.end > e.start);
}

const overlaps = (a, b) => a.start < b.end && b.start < a.end;

// Largest fraction of [g.start, g.end) covered by any single predicted span (the contract's definition).
function bestSingleFraction(g, preds) {
  let best = 0;
  for (const p of preds) if (overlaps(p, g)) best = Math.max(best, Math.min(p.end, g.end) - Math.max(p.start, g.start));
  return best / (g.end - g.start);
}

// Fraction of [g.start, g.end) covered by the union of predicted spans (diagnostic: tolerates split predictions).
function coveredFraction(g, preds) {
  const parts = preds
    .filter((p) => overlaps(p, g))
    .map((p) => [Math.max(p.start, g.start), Math.min(p.end, g.end)])
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let curS = -1;
  let curE = -1;
  for (const [s, e] of parts) {
    if (s > curE) { if (curE > curS) covered += curE - curS; curS = s; curE = e; } else if (e > curE) curE = e;
  }
  if (curE > curS) covered += curE - curS;
  return covered / (g.end - g.start);
}

function emptyAcc() {
  const perType = {};
  for (const t of TYPES) perType[t] = { gold: 0, found: 0, foundSameType: 0, foundUnion: 0 };
  return {
    perType, perGenre: {}, predicted: 0, predictedOverlapping: 0, keepTotal: 0, keepKept: 0,
    keepMisses: [], misses: [], falsePositives: [], notes: 0,
  };
}

function scoreNote(acc, note, preds) {
  acc.notes++;
  const genre = (acc.perGenre[note.genre] ||= { gold: 0, found: 0, keep: 0, keepKept: 0, predicted: 0, predictedOverlapping: 0 });
  for (const g of note.entities) {
    const pt = (acc.perType[g.type] ||= { gold: 0, found: 0, foundSameType: 0, foundUnion: 0 });
    pt.gold++;
    genre.gold++;
    const frac = bestSingleFraction(g, preds);
    const union = coveredFraction(g, preds);
    if (union >= COVERAGE_THRESHOLD) pt.foundUnion++;
    if (frac >= COVERAGE_THRESHOLD) {
      pt.found++;
      genre.found++;
      if (bestSingleFraction(g, preds.filter((p) => p.type === g.type)) >= COVERAGE_THRESHOLD) pt.foundSameType++;
    } else if (acc.misses.length < 40) {
      acc.misses.push({ type: g.type, value: g.value, id: note.id, covered: Math.round(frac * 100) / 100 });
    }
  }
  for (const p of preds) {
    acc.predicted++;
    genre.predicted++;
    if (note.entities.some((g) => overlaps(p, g))) { acc.predictedOverlapping++; genre.predictedOverlapping++; }
    else if (acc.falsePositives.length < 40) acc.falsePositives.push({ type: p.type, value: note.text.slice(p.start, p.end), id: note.id });
  }
  for (const k of note.keep || []) {
    acc.keepTotal++;
    genre.keep++;
    const hit = preds.find((p) => overlaps(p, k));
    if (!hit) { acc.keepKept++; genre.keepKept++; }
    else if (acc.keepMisses.length < 20) acc.keepMisses.push({ kind: k.kind, value: k.value, id: note.id, predictedType: hit.type, predicted: note.text.slice(hit.start, hit.end) });
  }
}

const ratio = (a, b, empty = null) => (b ? a / b : empty);

function finish(acc) {
  const perType = {};
  let coreGold = 0;
  let coreFound = 0;
  for (const [t, v] of Object.entries(acc.perType)) {
    perType[t] = {
      gold: v.gold, found: v.found, recall: ratio(v.found, v.gold),
      typedRecall: ratio(v.foundSameType, v.gold), unionRecall: ratio(v.foundUnion, v.gold),
    };
    if (CORE_TYPES.includes(t)) { coreGold += v.gold; coreFound += v.found; }
  }
  let allGold = 0;
  let allFound = 0;
  for (const v of Object.values(acc.perType)) { allGold += v.gold; allFound += v.found; }
  const perGenre = {};
  for (const [g, v] of Object.entries(acc.perGenre)) {
    perGenre[g] = { gold: v.gold, recall: ratio(v.found, v.gold), precision: ratio(v.predictedOverlapping, v.predicted, 1), keep: v.keep, keepRate: ratio(v.keepKept, v.keep) };
  }
  return {
    perType,
    coreRecall: ratio(coreFound, coreGold),
    recall: ratio(allFound, allGold),
    // With no predictions at all, precision is vacuously 1 (nothing was wrongly redacted).
    precision: ratio(acc.predictedOverlapping, acc.predicted, 1),
    keepRate: ratio(acc.keepKept, acc.keepTotal),
    keepMisses: acc.keepMisses,
    misses: acc.misses,
    falsePositives: acc.falsePositives,
    perGenre,
    counts: { notes: acc.notes, gold: allGold, found: allFound, predicted: acc.predicted, predictedOverlapping: acc.predictedOverlapping, keep: acc.keepTotal, keepKept: acc.keepKept },
  };
}

/**
 * Score a span detector against the notes.
 * @param {Array<{id,genre,text,entities:{type,start,end,value}[],keep:{kind,start,end,value}[]}>} notes
 * @param {(text: string) => Array<{type,start,end}>} predict  (a redact()-style {entities} result is also accepted)
 * @returns {{perType: Record<string,{gold,found,recall}>, coreRecall, precision, keepRate, keepMisses, misses}}
 *   plus diagnostics: recall (all types), perType[T].typedRecall, falsePositives, perGenre, counts.
 *
 * - recall: a gold span is found if one predicted span (of any type) covers >= 90% of its characters.
 *   Diagnostics: typedRecall (the covering span must also have the gold type) and unionRecall
 *   (the union of all predicted spans covers >= 90%, i.e. split predictions are tolerated).
 * - coreRecall: recall pooled over NAME, PHONE, EMAIL, ID.
 * - precision: predicted spans overlapping at least one gold span / all predicted spans.
 * - keepRate: keep spans not overlapped at all by any predicted span / all keep spans.
 */
export function scoreRedaction(notes, predict) {
  const acc = emptyAcc();
  for (const note of notes) scoreNote(acc, note, normalizePredictions(predict(note.text), note.text));
  return finish(acc);
}

/** Same as scoreRedaction, for an async predict function. */
export async function scoreRedactionAsync(notes, predict) {
  const acc = emptyAcc();
  for (const note of notes) scoreNote(acc, note, normalizePredictions(await predict(note.text), note.text));
  return finish(acc);
}
