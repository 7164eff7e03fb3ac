import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  rawBody: string;
  body: { model?: string; messages?: Array<{ role: string; content: unknown }>; response_format?: unknown };
}

/** What the fake model does for one request: reply with content, an HTTP error, or hang. */
export type FakeReply = { content: string } | { status: number; body?: unknown } | { hangMs: number };

/**
 * A local OpenAI-compatible chat-completions server on 127.0.0.1 (random port) — the only stand-in
 * in the tests. It records every request body so tests can check what would have left the platform.
 */
export async function startFakeLlm(reply: (req: RecordedRequest, n: number) => FakeReply) {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: RecordedRequest['body'] = {};
      try {
        body = JSON.parse(rawBody);
      } catch {
        /* recorded as raw */
      }
      const rec = { path: req.url ?? '', headers: req.headers, rawBody, body };
      requests.push(rec);
      const r = reply(rec, requests.length);
      if ('hangMs' in r) {
        const t = setTimeout(() => res.destroy(), r.hangMs);
        res.on('close', () => clearTimeout(t));
        return;
      }
      if ('status' in r) {
        res.writeHead(r.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(r.body ?? { error: { message: 'fake error' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model ?? 'fake',
          choices: [{ index: 0, message: { role: 'assistant', content: r.content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
