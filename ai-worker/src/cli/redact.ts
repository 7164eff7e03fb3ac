import { redact } from '../redact/redact.ts';
import { KnownPiiSchema } from '../redact/types.ts';
import { eachJsonLine } from './jsonl.ts';

// stdin: {"id","text", "knownPii"?} per line → stdout: {"id","text","entities":[{"type","start","end"}]}
await eachJsonLine((o) => {
  if (typeof o.text !== 'string') throw new Error('"text" must be a string');
  const r = redact(o.text, { knownPii: o.knownPii ? KnownPiiSchema.parse(o.knownPii) : undefined });
  return {
    id: o.id ?? null,
    text: r.text,
    entities: r.entities.map(({ type, start, end }) => ({ type, start, end })),
  };
});
