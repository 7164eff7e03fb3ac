import type { RequestHandler } from 'express';
import type { Config } from '../config/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { safeEqual } from '../security/crypto.ts';

/**
 * Who may read GET /metrics. With METRICS_TOKEN: only `Authorization: Bearer <token>` (Prometheus's
 * `authorization` scrape setting). Without it: open in development and tests, and not served at all
 * in production, where route names, error rates and process details are reconnaissance.
 */
export function metricsAccess(config: Pick<Config, 'env' | 'isProduction'>): RequestHandler {
  const token = config.env.METRICS_TOKEN;
  return (req, _res, next) => {
    if (!token) return next(config.isProduction ? notFound('ROUTE_NOT_FOUND', 'No such route') : undefined);
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (m?.[1] && safeEqual(m[1], token)) return next();
    next(
      new AppError(401, 'METRICS_TOKEN_REQUIRED', 'Metrics need the METRICS_TOKEN bearer token', undefined, {
        'WWW-Authenticate': 'Bearer realm="metrics"',
      }),
    );
  };
}
