import { detectAddresses } from './detect-addresses.ts';
import { detectDatesAndAges } from './detect-dates.ts';
import { detectDevanagariNames } from './detect-devanagari.ts';
import { detectIds } from './detect-ids.ts';
import { detectEmailsUrlsIps } from './detect-links.ts';
import { detectNames } from './detect-names.ts';
import { detectPhones } from './detect-phones.ts';
import { detectPlaces } from './detect-towns.ts';
import { tokenize, type Tok } from './keep.ts';
import { createScan, type Sink } from './scan.ts';

export { detectKnown } from './detect-known.ts';
export { nhsValid, verhoeffValid } from './detect-ids.ts';
export { readNameRun } from './name-words.ts';
export { propagateNames } from './propagate-names.ts';
export { KEEP_YIELDS_BELOW, PRIORITY, type Sink } from './scan.ts';

/**
 * Pattern and context detectors, one file per family. Each adds candidates (offsets into the input)
 * to the sink; overlap resolution and placeholder numbering live in redact.ts. Priorities: the
 * patient's own profile values beat everything, structured identifiers beat free-text heuristics.
 * The scan state (tokens, gate, cue-match cache) is made here per call and passed down.
 */
export function detectAll(text: string, out: Sink, toks: Tok[] = tokenize(text)): void {
  const scan = createScan(text, out, toks);
  detectEmailsUrlsIps(scan);
  detectIds(scan);
  detectPhones(scan);
  detectDatesAndAges(scan);
  detectAddresses(scan);
  detectPlaces(scan);
  detectNames(scan);
  detectDevanagariNames(scan);
}
