import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs. Request bodies are never logged; the redact list is a second line of defence for
 * fields that could carry PHI or secrets if someone logs an object carelessly.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'telehealth-hub' },
    redact: {
      paths: [
        '*.password',
        '*.token',
        '*.refreshToken',
        '*.accessToken',
        '*.code',
        '*.email',
        '*.phone',
        '*.name',
        '*.text',
        '*.notes',
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["sec-websocket-protocol"]',
      ],
      censor: '[redacted]',
    },
  });
}
