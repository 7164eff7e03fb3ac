import type { IncomingMessage, Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * Same-origin mounting without an external proxy: forwards WebSocket upgrades for `path` on the
 * host's Node HTTP server, byte for byte, to the signaling listener (uWS cannot adopt a socket that
 * Node already accepted). Production should prefer the ingress/nginx doing the same (see README);
 * this costs one extra copy per frame in the host process.
 *
 * The request head is re-sent as received, so Origin and Sec-WebSocket-Protocol (the token) reach
 * the signaling tier unchanged. Nothing is logged.
 */
export function attachSignalingProxy(
  server: Server,
  target: {
    host?: string;
    port: number;
    path?: string;
    /** Answer upgrades for other paths with 404 (when this is the server's only upgrade handler). */
    refuseOtherPaths?: boolean;
  },
): () => void {
  const path = target.path ?? '/ws';
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = req.url ?? '';
    if (url !== path && !url.startsWith(`${path}?`)) {
      if (target.refuseOtherPaths) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const upstream: Socket = connect(target.port, target.host ?? '127.0.0.1');
    const fail = () => {
      socket.destroy();
      upstream.destroy();
    };
    upstream.setNoDelay(true);
    upstream.once('error', fail);
    socket.once('error', fail);
    upstream.once('connect', () => {
      const lines = [`${req.method} ${url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        if (!/^x-forwarded-for$/i.test(req.rawHeaders[i]!))
          lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      // The signaling tier sees the proxy's address; the client's goes along for rate limits and logs.
      lines.push(`X-Forwarded-For: ${req.socket.remoteAddress ?? ''}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    socket.once('close', () => upstream.destroy());
    upstream.once('close', () => socket.destroy());
  };
  server.on('upgrade', onUpgrade);
  return () => server.off('upgrade', onUpgrade);
}
