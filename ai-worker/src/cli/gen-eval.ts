import { writeFileSync } from 'node:fs';
import { generateEvalSet } from '../eval/generate.ts';

// Writes the seeded evaluation set (for inspection; the bench regenerates it in memory).
const out = process.argv[2] ?? new URL('../../eval/notes.jsonl', import.meta.url).pathname;
const notes = generateEvalSet({ seed: Number(process.env.SEED ?? 20240611) });
writeFileSync(out, notes.map((n) => JSON.stringify(n)).join('\n') + '\n');
process.stderr.write(`wrote ${notes.length} notes to ${out}\n`);
