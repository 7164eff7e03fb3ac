import { loadAiConfig } from '../config.ts';
import { createAiService } from '../service.ts';
import { eachJsonLine } from './jsonl.ts';

// stdin: {"id","symptoms","age","sex", ...optional durationHours, pregnant, vitals} → stdout: id + TriageResult.
// Uses the LLM when GROQ_API_KEY is set, rules otherwise.
const ai = createAiService(loadAiConfig({ ...process.env, REDIS_URL: undefined }));
await eachJsonLine(async (o) => {
  const { id, ...input } = o;
  const r = await ai.triage(input as never);
  return { id: id ?? null, ...r };
});
await ai.close();
