import { describe, expect, it } from 'vitest';
import { createResponseReader, type ReaderEvent } from './http-response-reader.ts';

/** Feeds `raw` one byte at a time (the worst split) and collects what comes out. */
function read(raw: string, method = 'GET', byteByByte = true) {
  const r = createResponseReader({ requestMethod: method });
  const events: ReaderEvent[] = [];
  const bytes = Buffer.from(raw, 'latin1');
  if (byteByByte) for (let i = 0; i < bytes.length; i++) events.push(...r.feed(bytes.subarray(i, i + 1)));
  else events.push(...r.feed(bytes));
  events.push(...r.finish());
  const head = events.find((e) => e.kind === 'head');
  const body = Buffer.concat(events.flatMap((e) => (e.kind === 'body' ? [e.chunk] : []))).toString('latin1');
  return { head: head?.kind === 'head' ? head.head : undefined, body, kinds: events.map((e) => e.kind) };
}

describe('reading what Node wrote', () => {
  it('a Content-Length body, split anywhere, keeping repeated headers in order', () => {
    const r = read(
      'HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello',
    );
    expect(r.head).toMatchObject({ status: 200, statusText: 'OK', contentLength: 5, bodyless: false });
    expect(r.head!.headers.filter(([k]) => k === 'Set-Cookie').map(([, v]) => v)).toEqual(['a=1', 'b=2']);
    expect(r.body).toBe('hello');
    expect(r.kinds.at(-1)).toBe('end');
  });

  it('a chunked body with extensions and trailers, whole or byte by byte', () => {
    const raw =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n6\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nX-Trailer: 1\r\n\r\n';
    for (const split of [true, false]) {
      const r = read(raw, 'GET', split);
      expect(r.head!.contentLength).toBeNull();
      expect(r.body).toBe('Wikipedia in \r\n\r\nchunks.');
      expect(r.kinds.filter((k) => k === 'end')).toHaveLength(1);
      expect(r.kinds).not.toContain('error');
    }
  });

  it('a body that runs to the end of the stream', () => {
    const r = read('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end');
    expect(r.body).toBe('until the end');
    expect(r.kinds.at(-1)).toBe('end');
  });

  it('no body after HEAD, 204 or 304 even with a Content-Length', () => {
    expect(read('HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n', 'HEAD')).toMatchObject({
      head: { bodyless: true, contentLength: 42 },
      body: '',
      kinds: ['head', 'end'],
    });
    expect(read('HTTP/1.1 204 No Content\r\n\r\n').kinds).toEqual(['head', 'end']);
    expect(read('HTTP/1.1 304 Not Modified\r\nETag: "x"\r\n\r\n').kinds).toEqual(['head', 'end']);
  });

  it('skips informational responses before the real one', () => {
    const r = read('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok');
    expect(r.head!.status).toBe(201);
    expect(r.kinds.filter((k) => k === 'head')).toHaveLength(1);
    expect(r.body).toBe('ok');
  });

  it('reports a truncated body or a malformed head instead of guessing', () => {
    expect(read('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort').kinds.at(-1)).toBe('error');
    expect(read('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n').kinds).toContain('error');
    expect(read('garbage\r\n\r\n').kinds).toEqual(['error']);
    expect(read('HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n').kinds).toEqual(['error']);
  });
});
