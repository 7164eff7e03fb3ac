import { loadAiConfig } from './config.ts';
import { createJobQueue } from './queue/index.ts';
import { createAiService } from './service.ts';
import { startAiWorker } from './worker.ts';

// Standalone ai-worker process: consumes the BullMQ queue (REDIS_URL required to be useful here;
// without it the host runs the in-process queue itself). Logs carry no PHI.
const config = loadAiConfig(process.env);
const queue = await createJobQueue({ redisUrl: config.REDIS_URL });
const ai = createAiService(config, {
  onAudit: (e) => void process.stdout.write(`${JSON.stringify({ msg: 'ai_audit', ...e })}\n`),
});
await startAiWorker(queue, ai, { concurrency: Number(process.env.AI_WORKER_CONCURRENCY ?? 2) });
process.stdout.write(
  `${JSON.stringify({ msg: 'ai-worker started', queue: queue.kind, mode: ai.mode, features: ai.features })}\n`,
);
const stop = async () => {
  await queue.close();
  await ai.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
