import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const emailsSent = new Counter({
    name: 'emails_sent_total',
    help: 'Outbox emails handed to a transport',
    labelNames: ['transport', 'outcome'] as const,
    registers: [registry],
  });
  return { registry, httpDuration, emailsSent };
}
export type Metrics = ReturnType<typeof createMetrics>;
