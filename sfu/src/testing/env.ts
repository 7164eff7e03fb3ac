/** Whether real mediasoup workers can run here; tests skip LOUDLY when not (never silently). */
import fs from 'node:fs';
import * as mediasoup from 'mediasoup';

export function workerBinary(): string | undefined {
  const fromEnv = process.env.MEDIASOUP_WORKER_BIN;
  if (fromEnv) return fromEnv; // set: must work (CI sets it), a bad path fails the tests
  return fs.existsSync(mediasoup.workerBin) ? mediasoup.workerBin : undefined;
}

export const MEDIASOUP_AVAILABLE = workerBinary() !== undefined;

if (!MEDIASOUP_AVAILABLE) {
  console.error(
    '\n*** SKIPPING mediasoup integration tests: MEDIASOUP_WORKER_BIN is unset and mediasoup has no ' +
      'worker binary of its own. Run: export MEDIASOUP_WORKER_BIN="$(sh ../shared/mediasoup/provision.sh 3.27.1 | tail -n1)" ***\n',
  );
}

/** Polls until fn() is truthy; generous deadline, no timing assertion. */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  what: string,
  timeoutMs = 15_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

export function unwrap<T>(r: { ok: true; value: T } | { ok: false; code: string; message: string }): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}
