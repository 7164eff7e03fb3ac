import { describe, expect, it } from 'vitest';
import { loadSignalingConfig, SignalingConfigSchema } from './config.ts';
import {
  ackFrame,
  chatMessageJson,
  chatSendAckData,
  eventFrame,
  parseTopic,
  RawJson,
  Requests,
  ServerFrameSchema,
  TopicSchema,
} from './protocol.ts';
import { etaSeconds, median, effectivePriority } from './queue/domain.ts';
import { TokenBucket, ViolationCounter } from './rate-limit.ts';
import { fromRedisMessage, toRedisMessage } from './redis-bus.ts';
import { sanitizeChatText, sanitizeGeneral } from './sanitize.ts';

describe('Redis bus messages', () => {
  const frame = eventFrame('chat:1', 'chat.message', { text: '12 3' }, 42);
  it('carry the seq beside the frame, and read it back without parsing the frame', () => {
    expect(toRedisMessage(frame, { seq: 42 })).toBe(`42 ${frame}`);
    expect(fromRedisMessage(toRedisMessage(frame, { seq: 42 }))).toEqual({ frame, meta: { seq: 42 } });
  });
  it('are the bare frame when there is no seq (the origin stays on its node)', () => {
    const plain = eventFrame('user:1', 'e', { a: 1 });
    expect(toRedisMessage(plain, { origin: {} })).toBe(plain);
    expect(toRedisMessage(plain, undefined)).toBe(plain);
    expect(fromRedisMessage(plain)).toEqual({ frame: plain, meta: {} });
  });
});

describe('sanitizeChatText', () => {
  it('treats plain ASCII exactly as the general path does', () => {
    const alphabet = 'aZ~! \n\t\r';
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      const n = Math.floor(rnd() * 14);
      const text = Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      expect(sanitizeChatText(text, 8)).toEqual(sanitizeGeneral(text, 8));
    }
  });
  it('strips controls, bidi overrides and zero-width chars, keeps newlines and emoji', () => {
    const r = sanitizeChatText('  hi\u0000\u202Ethere\r\nline2 \u200B👩‍⚕️  ', 100);
    expect(r).toEqual({ ok: true, text: 'hithere\nline2 👩‍⚕️' });
  });
  it('rejects empty and too long text, counting code points', () => {
    expect(sanitizeChatText(' \u200B\n ', 10)).toEqual({ ok: false, reason: 'empty' });
    expect(sanitizeChatText('😀'.repeat(5), 5).ok).toBe(true);
    expect(sanitizeChatText('😀'.repeat(6), 5)).toEqual({ ok: false, reason: 'too_long' });
  });
});

describe('rate limiting', () => {
  it('token bucket allows the burst then the sustained rate', () => {
    const b = new TokenBucket(10, 3, 0);
    expect([b.take(0), b.take(0), b.take(0), b.take(0)]).toEqual([true, true, true, false]);
    expect(b.take(100)).toBe(true); // 0.1 s refills one token
    expect(b.take(100)).toBe(false);
  });
  it('violation counter trips past the allowance within a minute and resets after', () => {
    const v = new ViolationCounter(2);
    expect([v.hit(0), v.hit(1), v.hit(2)]).toEqual([false, false, true]);
    expect(v.hit(60_001)).toBe(false);
  });
});

describe('queue domain', () => {
  it('median of odd/even/empty', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it('eta counts people ahead and the remaining part of the visit in progress', () => {
    expect(etaSeconds(1, 600, null)).toBe(0);
    expect(etaSeconds(3, 600, null)).toBe(1200);
    expect(etaSeconds(1, 600, 200)).toBe(400);
    expect(etaSeconds(2, 600, 900)).toBe(600);
  });
  it('doctor override wins over triage, default in between', () => {
    expect(effectivePriority(1, 5)).toBe(5);
    expect(effectivePriority(2, null)).toBe(2);
    expect(effectivePriority(null, null)).toBe(3);
  });
});

describe('config', () => {
  it('parses env names with defaults', () => {
    const c = loadSignalingConfig({
      WS_PORT: '9000',
      WS_ALLOWED_ORIGINS: 'https://a.test, https://b.test',
      REDIS_URL: '',
    });
    expect(c.WS_PORT).toBe(9000);
    expect(c.WS_ALLOWED_ORIGINS).toEqual(['https://a.test', 'https://b.test']);
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.WS_PATH).toBe('/ws');
    expect(SignalingConfigSchema.parse({ WS_ALLOW_NO_ORIGIN: 'false' }).WS_ALLOW_NO_ORIGIN).toBe(false);
  });
});

describe('protocol', () => {
  it('validates topics', () => {
    expect(TopicSchema.safeParse('user:0b8e7a52-1f2c-4d6e-9a1b-2c3d4e5f6a7b').success).toBe(true);
    expect(TopicSchema.safeParse('user:nope').success).toBe(false);
    expect(TopicSchema.safeParse('call:room_1-a').success).toBe(true);
    expect(TopicSchema.safeParse('admin:x').success).toBe(false);
    expect(parseTopic('chat:abc')).toEqual({ kind: 'chat', id: 'abc' });
  });
  it('request schemas require the envelope', () => {
    expect(Requests.ping.safeParse({ v: 1, type: 'ping', id: '1' }).success).toBe(true);
    expect(Requests.ping.safeParse({ v: 2, type: 'ping', id: '1' }).success).toBe(false);
    expect(
      Requests['chat.send'].safeParse({
        v: 1,
        type: 'chat.send',
        id: '1',
        conversationId: 'x',
        clientMsgId: 'a',
        text: 'hi',
      }).success,
    ).toBe(false);
  });
  it('pre-serialised frames are byte-identical to the plain ones', () => {
    const data = { a: 'x"y', n: [1, 2] };
    expect(eventFrame('chat:1', 'chat.message', new RawJson(JSON.stringify(data)), 7)).toBe(
      eventFrame('chat:1', 'chat.message', data, 7),
    );
    expect(eventFrame('user:1', 'e', new RawJson(JSON.stringify(data)))).toBe(
      eventFrame('user:1', 'e', data),
    );
    expect(ackFrame('i"d', new RawJson(JSON.stringify(data)))).toBe(ackFrame('i"d', data));
  });
  it('a chat message encoded from pre-escaped fields is byte-identical to JSON.stringify', () => {
    const message = {
      conversationId: '7f1c1a52-6f0e-4a53-9d2c-0c6f5d7f2a11',
      seq: 12,
      id: '0b8e1a57-2f5b-4c9e-8f0a-3d1e2c4b5a69',
      senderId: '5a0f7c1e-9b2d-4e3f-8a6b-1c2d3e4f5a6b',
      clientMsgId: 'c"1\\',
      text: 'line\n"quoted" 🩺 \u2028',
      attachments: [{ recordId: '2c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f' }],
      createdAt: '2026-12-03T13:00:00.000Z',
    };
    const fields = {
      conversationId: JSON.stringify(message.conversationId),
      senderId: JSON.stringify(message.senderId),
      clientMsgId: JSON.stringify(message.clientMsgId),
      text: JSON.stringify(message.text),
      attachments: JSON.stringify(message.attachments),
    };
    const json = chatMessageJson(fields, message.seq, message.id, message.createdAt);
    expect(json).toBe(JSON.stringify(message));
    expect(ackFrame('a', chatSendAckData(json, false))).toBe(ackFrame('a', { message, duplicate: false }));
  });
  it('server frames round-trip through the schema', () => {
    expect(ServerFrameSchema.parse(JSON.parse(eventFrame('user:x', 'e', { a: 1 }, 3)))).toMatchObject({
      seq: 3,
    });
  });
});
