import type { RequestHandler } from 'express';

/** Paths whose answers are never cached anywhere: the API (PHI), and the operational endpoints. */
const NO_STORE = /^\/(api\/(?!docs\/assets\/)|health$|ready$|metrics$)/;

/**
 * Headers every answer carries. `nosniff`: a browser must not reinterpret a JSON answer or a served
 * file as HTML or script. `no-store` on the API: answers carry PHI and must not stay in shared or
 * browser caches; a route may still choose otherwise for public bytes (doctor photos) by setting its
 * own Cache-Control. The Swagger UI assets keep their own caching; the web app sets its own.
 */
export const apiResponseHeaders: RequestHandler = (req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (NO_STORE.test(req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
};
