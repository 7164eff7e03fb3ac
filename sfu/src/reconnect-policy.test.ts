import { describe, expect, it } from 'vitest';
import { createReconnectPolicy, MAX_RECONNECT_DELAY_MS, RECONNECT_DELAYS_MS } from './reconnect-policy.ts';

const noJitter = () => 0;

describe('reconnect policy', () => {
  it('follows 0, 300, 1200, 2700, 4800 then 7 s, and gives up after maxAttempts', () => {
    const p = createReconnectPolicy({ random: noJitter, maxAttempts: 8 });
    const delays: number[] = [];
    let d = p.next({ type: 'socket-closed' });
    while (d.action === 'rejoin') {
      delays.push(d.delayMs);
      d = p.next({ type: 'attempt-failed' });
    }
    expect(delays).toEqual([
      ...RECONNECT_DELAYS_MS,
      MAX_RECONNECT_DELAY_MS,
      MAX_RECONNECT_DELAY_MS,
      MAX_RECONNECT_DELAY_MS,
    ]);
    expect(d).toEqual({ action: 'give-up', attempts: 8 });
    expect(p.status).toBe('disconnected');
    expect(p.next({ type: 'socket-closed' }).action).toBe('give-up');
  });

  it('adds jitter only from the third attempt, bounded by jitterMs', () => {
    const p = createReconnectPolicy({ random: () => 0.999, jitterMs: 1000 });
    expect(p.delayForAttempt(0)).toBe(0);
    expect(p.delayForAttempt(1)).toBe(300);
    expect(p.delayForAttempt(2)).toBe(1200 + 999);
    expect(p.delayForAttempt(7)).toBe(7000 + 999);
    expect(p.delayForAttempt(10)).toBeNull();
    const spread = createReconnectPolicy({ random: Math.random, jitterMs: 500 });
    for (let i = 0; i < 50; i++) {
      const v = spread.delayForAttempt(3)!;
      expect(v).toBeGreaterThanOrEqual(2700);
      expect(v).toBeLessThanOrEqual(3200);
    }
  });

  it('restarts ICE while signaling is up, then escalates to a full rejoin', () => {
    const p = createReconnectPolicy({ random: noJitter, maxIceRestarts: 2, disconnectedGraceMs: 0 });
    expect(p.next({ type: 'ice-failed' })).toEqual({ action: 'ice-restart', attempt: 0, delayMs: 0 });
    expect(p.status).toBe('reconnecting');
    expect(p.next({ type: 'attempt-failed' })).toEqual({ action: 'ice-restart', attempt: 1, delayMs: 300 });
    expect(p.next({ type: 'attempt-failed' })).toEqual({ action: 'rejoin', attempt: 2, delayMs: 1200 });
    // While rejoining, transport state changes of the old transports are noise.
    expect(p.next({ type: 'ice-failed' })).toEqual({ action: 'none' });
    expect(p.next({ type: 'connected' })).toEqual({ action: 'none' });
    expect(p.status).toBe('connected');
    expect(p.attempts).toBe(0);
    // A fresh outage starts from the first delay again.
    expect(p.next({ type: 'ice-failed' })).toEqual({ action: 'ice-restart', attempt: 0, delayMs: 0 });
  });

  it('waits the grace period before restarting ICE for a mere "disconnected"', () => {
    const p = createReconnectPolicy({ random: noJitter, disconnectedGraceMs: 2000 });
    expect(p.next({ type: 'ice-disconnected' })).toEqual({
      action: 'ice-restart',
      attempt: 0,
      delayMs: 2000,
    });
    // The same outage reported again is not another attempt.
    expect(p.next({ type: 'ice-disconnected' })).toEqual({ action: 'none' });
    // ...but escalating to failed is.
    expect(p.next({ type: 'ice-failed' })).toMatchObject({ action: 'ice-restart', attempt: 1 });
  });

  it('goes straight to a full rejoin for socket loss, DTLS failure and room re-creation', () => {
    for (const type of ['socket-closed', 'dtls-failed', 'room-recreated'] as const) {
      const p = createReconnectPolicy({ random: noJitter });
      expect(p.next({ type })).toEqual({ action: 'rejoin', attempt: 0, delayMs: 0 });
    }
    const p = createReconnectPolicy({ random: noJitter });
    p.next({ type: 'ice-failed' });
    // Socket drops during an ICE restart: the restart cannot complete, rejoin instead.
    expect(p.next({ type: 'socket-closed' })).toEqual({ action: 'rejoin', attempt: 1, delayMs: 300 });
  });

  it('with maxIceRestarts 0 every media failure is a rejoin; validates options', () => {
    const p = createReconnectPolicy({ random: noJitter, maxIceRestarts: 0 });
    expect(p.next({ type: 'ice-failed' }).action).toBe('rejoin');
    expect(createReconnectPolicy().next({ type: 'attempt-failed' })).toEqual({ action: 'none' });
    expect(() => createReconnectPolicy({ maxAttempts: 0 })).toThrow(RangeError);
  });

  it('imports nothing from Node (usable in the browser bundle)', async () => {
    const { readFile } = await import('node:fs/promises');
    const src = await readFile(new URL('./reconnect-policy.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/^\s*import\s/m);
  });
});
