import { writeFileSync } from 'node:fs';
import { DIGEST_FILE, digestCases } from '../triage/cases.ts';

// Re-reads the spent evaluation splits and writes the digest the similar-cases layer loads.
const digest = digestCases();
writeFileSync(DIGEST_FILE, `${JSON.stringify(digest)}\n`);
console.error(`${digest.cases.length} cases from ${digest.splits.join(', ')} -> ${DIGEST_FILE}`);
