import { describe, expect, it } from 'vitest';
import { coverage, mergeTables, routeKey } from './walk.ts';

describe('matrix bookkeeping', () => {
  it('keys an OpenAPI operation as its route was registered', () => {
    expect(routeKey('get', '/api/v1/records/visits/{id}/pdf')).toBe('GET /records/visits/:id/pdf');
    expect(routeKey('post', '/api/v1/consultations/{roomId}/invites')).toBe(
      'POST /consultations/:roomId/invites',
    );
  });
  it('names routes without a row and rows without a route', () => {
    expect(coverage(['GET /a', 'POST /b'], { 'GET /a': 1, 'DELETE /c': 1 })).toEqual({
      missing: ['POST /b'],
      stale: ['DELETE /c'],
    });
  });
  it('refuses a route stated by two domains', () => {
    expect(() => mergeTables({ one: { 'GET /a': 1 }, two: { 'GET /a': 2 } })).toThrow(
      /GET \/a is stated twice/,
    );
    expect(mergeTables({ one: { 'GET /a': 1 }, two: { 'GET /b': 2 } })).toEqual({ 'GET /a': 1, 'GET /b': 2 });
  });
});
