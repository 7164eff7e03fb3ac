/**
 * Connection quality of a peer from mediasoup stats: pure, unit-tested. The UI shows bars; the
 * clinician sees when the patient's connection, not the app, is the problem.
 */

export const QualityLevels = ['excellent', 'good', 'poor', 'lost'] as const;
export type QualityLevel = (typeof QualityLevels)[number];

export type QualityInput = {
  /** mediasoup scores 0..10 of the peer's producers (what it sends) and consumers (what it gets). */
  scores: number[];
  /** Fraction lost (0..1) reported in RTCP for the peer's streams. */
  lossFractions: number[];
  /** Round-trip times in ms (mediasoup reports them for consumers). */
  rttsMs: number[];
  /** Any transport of the peer ICE-disconnected/closed or DTLS failed. */
  transportDown: boolean;
};

export type Quality = { level: QualityLevel; score: number; lossPct: number; rttMs: number | null };

/** With no streams yet there is nothing wrong to report: a peer without media is "excellent". */
export function classifyQuality(input: QualityInput): Quality {
  const score = input.scores.length ? Math.min(...input.scores) : 10;
  const loss = input.lossFractions.length ? Math.max(...input.lossFractions) : 0;
  const rtt = input.rttsMs.length ? Math.max(...input.rttsMs) : null;
  const lossPct = Math.round(Math.min(1, Math.max(0, loss)) * 1000) / 10;
  const out = (level: QualityLevel): Quality => ({ level, score, lossPct, rttMs: rtt });
  if (input.transportDown) return out('lost');
  if (score <= 3 || lossPct >= 10 || (rtt !== null && rtt >= 800)) return out('poor');
  if (score <= 7 || lossPct >= 2 || (rtt !== null && rtt >= 300)) return out('good');
  return out('excellent');
}
