import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import { randomUUID } from 'node:crypto';
import { registerAnalyticsRoutes } from './admin/analytics.ts';
import { registerAdminRoutes } from './admin/routes.ts';
import { registerAuthRoutes } from './auth/routes.ts';
import type { AppContext } from './context.ts';
import { registerDoctorPhotoRoutes } from './doctors/photo.ts';
import { registerDoctorRoutes } from './doctors/routes.ts';
import { authenticate } from './http/auth-middleware.ts';
import { bodyParserError, jsonBody } from './http/body.ts';
import { AppError, notFound, toErrorBody } from './http/errors.ts';
import { apiResponseHeaders } from './http/headers.ts';
import { buildOpenApiDocument, docsRouter } from './http/openapi.ts';
import { createRouteBuilder, type RouteBuilder } from './http/route.ts';
import { metricsAccess } from './observability/metrics-access.ts';

/** A domain's routes: each module registers its own on the shared builder. */
export type RouteModule = (route: RouteBuilder, ctx: AppContext) => void;

export const coreModules: RouteModule[] = [
  registerAuthRoutes,
  registerDoctorRoutes,
  registerDoctorPhotoRoutes,
  registerAdminRoutes,
  registerAnalyticsRoutes,
];

export interface AppOptions {
  modules?: RouteModule[];
  /** Readiness checks beyond the database (Redis, ...): each throws when not ready. */
  readiness?: Record<string, () => Promise<void>>;
  /** Mounted after the API, for everything else on the origin (the web app). */
  fallback?: Router | express.RequestHandler;
}

export function createApp(ctx: AppContext, opts: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  // Nobody's X-Forwarded-For is believed unless TRUST_PROXY names the proxies: per-IP budgets key on req.ip.
  app.set('trust proxy', ctx.config.env.TRUST_PROXY);
  app.use(apiResponseHeaders);

  app.use((req, res, next) => {
    const incoming = req.headers['x-request-id'];
    req.requestId = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.requestId);
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      // The route template, not the URL: ids in paths must not explode metric cardinality or leak into logs.
      const route =
        (res.locals.route as string | undefined) ??
        (req.route
          ? `${req.baseUrl}${req.route.path as string}`
          : res.statusCode === 404
            ? 'unmatched'
            : 'other');
      ctx.metrics.httpDuration.observe(
        { method: req.method, route, status: String(res.statusCode) },
        seconds,
      );
      if (req.path !== '/health' && req.path !== '/metrics')
        ctx.log.info(
          {
            reqId: req.requestId,
            method: req.method,
            route,
            status: res.statusCode,
            ms: Math.round(seconds * 1000),
            userId: req.user?.id,
          },
          'request',
        );
    });
    next();
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const checks: Record<string, 'ok' | 'fail'> = {};
    const all = { database: async () => void (await ctx.db.query('SELECT 1')), ...opts.readiness };
    await Promise.all(
      Object.entries(all).map(async ([name, check]) => {
        try {
          await check();
          checks[name] = 'ok';
        } catch {
          checks[name] = 'fail';
        }
      }),
    );
    const ok = Object.values(checks).every((c) => c === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not_ready', checks });
  });
  app.get('/metrics', metricsAccess(ctx.config), async (_req, res) => {
    res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });

  const registry = new OpenAPIRegistry();
  const api = express.Router();
  api.use(authenticate(ctx.tokens, ctx.db));
  // Webhooks mount their own raw parsers with `before`, so JSON parsing skips them here.
  api.use(jsonBody((req) => req.path.startsWith('/webhooks/')));
  const route = createRouteBuilder(api, registry);
  for (const m of [...coreModules, ...(opts.modules ?? [])]) m(route, ctx);

  let spec: unknown;
  app.get('/api/v1/openapi.json', (_req, res) => {
    spec ??= buildOpenApiDocument(registry);
    res.json(spec);
  });
  app.use('/api/docs', docsRouter('/api/v1/openapi.json'));
  app.use('/api/v1', api);
  app.use('/api', (_req, _res, next) => next(notFound('ROUTE_NOT_FOUND', 'No such API route')));
  if (opts.fallback) app.use(opts.fallback);

  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    let e: AppError;
    const fromParser = err instanceof AppError ? undefined : bodyParserError(err);
    if (err instanceof AppError) e = err;
    else if (fromParser) e = fromParser;
    else {
      ctx.log.error(
        { reqId: req.requestId, err: { name: err?.name, message: err?.message, stack: err?.stack } },
        'unhandled error',
      );
      e = new AppError(500, 'INTERNAL', 'Something went wrong on our side');
    }
    if (e.headers) for (const [k, v] of Object.entries(e.headers)) res.setHeader(k, v);
    res.status(e.status).json(toErrorBody(e));
  };
  app.use(onError);
  return app;
}
