import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';

let t: TestDb;
let app: TestApp;
beforeAll(async () => {
  t = await createTestPostgres();
  app = await startTestApp(t.db, { readiness: { redis: async () => Promise.reject(new Error('down')) } });
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('operational endpoints', () => {
  it('reports liveness and readiness per dependency', async () => {
    const c = createClient(app.url);
    expect((await c.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await c.get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'not_ready', checks: { database: 'ok', redis: 'fail' } });
  });

  it('exposes Prometheus metrics with route templates, not raw paths', async () => {
    const c = createClient(app.url);
    await c.get('/api/v1/doctors/00000000-0000-4000-8000-000000000000');
    const m = await c.get('/metrics');
    expect(m.headers.get('content-type')).toContain('text/plain');
    expect(m.body).toContain('http_request_duration_seconds_bucket');
    expect(m.body).toContain('route="/api/v1/doctors/:id"');
    expect(m.body).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(m.body).toContain('process_cpu_user_seconds_total');
  });

  it('echoes a request id', async () => {
    const r = await createClient(app.url).get('/health', { 'x-request-id': 'abc-123' });
    expect(r.headers.get('x-request-id')).toBe('abc-123');
  });

  it('publishes OpenAPI 3.1 generated from the validating schemas, and interactive docs', async () => {
    const c = createClient(app.url);
    const spec = (await c.get('/api/v1/openapi.json')).body;
    expect(spec.openapi).toBe('3.1.0');
    const login = spec.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/Login');
    expect(spec.components.schemas.RegisterStart.required).toEqual(
      expect.arrayContaining(['email', 'password', 'name']),
    );
    expect(spec.components.schemas.RegisterStart.properties.password.minLength).toBe(10);
    expect(spec.paths['/api/v1/doctors/{id}'].get.parameters[0]).toMatchObject({ name: 'id', in: 'path' });
    expect(spec.paths['/api/v1/admin/users'].get.security).toEqual([{ bearer: [] }]);
    const docs = await fetch(`${app.url}/api/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui-bundle.js');
    expect((await fetch(`${app.url}/api/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it('masks 5xx messages', async () => {
    const broken = await startTestApp(t.db, {
      modules: [
        (route) =>
          route({
            method: 'get',
            path: '/boom',
            summary: 'fails',
            tags: ['test'],
            access: 'public',
            handler: async () => {
              throw new Error('secret database detail about patient 42');
            },
          }),
      ],
    });
    const r = await createClient(broken.url).get('/api/v1/boom');
    await broken.close();
    expect(r.status).toBe(500);
    expect(r.body).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
  });
});
