import { createInterface } from 'node:readline';

/** Reads JSON lines from stdin; a bad line produces an error line instead of stopping the run. */
export async function eachJsonLine(
  fn: (obj: Record<string, unknown>) => Promise<unknown> | unknown,
): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    let out: unknown;
    try {
      out = await fn(JSON.parse(line) as Record<string, unknown>);
    } catch (e) {
      out = { error: e instanceof Error ? e.message.slice(0, 200) : 'invalid input' };
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
}
