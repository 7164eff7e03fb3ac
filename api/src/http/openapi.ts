import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import express, { type Router } from 'express';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export function buildOpenApiDocument(registry: OpenAPIRegistry) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Telehealth Hub API',
      version: '1.0.0',
      description:
        'Accounts, scheduling, payments, records and administration. Errors: `{ error: { code, message, details } }`.',
    },
    servers: [{ url: '/' }],
  });
}

/**
 * The docs page's policy: its own scripts and styles only (Swagger UI sets inline style attributes,
 * hence 'unsafe-inline' for styles alone), requests to this origin only (the spec, "try it out"),
 * and never framed by another page (a framed console is a clickjacking target).
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Swagger UI from the swagger-ui-dist package, served locally (no CDN), initialised by a same-origin script. */
export function docsRouter(specPath: string): Router {
  const r = express.Router();
  const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  r.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', DOCS_CSP);
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  r.get('/', (_req, res) => {
    res.type('html')
      .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Telehealth Hub API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`);
  });
  r.get('/init.js', (_req, res) => {
    res.type('js').send(`window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specPath)}, dom_id: '#ui' });`);
  });
  r.use('/assets', express.static(dist, { index: false, maxAge: '1d' }));
  return r;
}
