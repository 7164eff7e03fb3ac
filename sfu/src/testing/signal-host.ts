/**
 * A minimal host process for the shutdown test: an HTTP server (keeps the event loop alive, as the
 * signaling server will) plus the SFU. On SIGTERM mediasoup closes the workers itself; the SFU
 * reports 'closed' with reason 'signal' and the host closes its server, so the process exits.
 */
import http from 'node:http';
import { createSfu } from '../index.ts';

const sfu = await createSfu({ workers: 2, rtcPortBase: 0 });
const room = await sfu.getOrCreateRoom('appt-signal');
await room.join('doc', { role: 'doctor', displayName: 'Dr' });
await room.join('pat', { role: 'patient', displayName: 'P' });
const server = http.createServer((_req, res) => res.end('ok'));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
sfu.on('consultationEnded', (e) => process.stdout.write(`ended ${e.reason}\n`));
sfu.on('closed', ({ reason }) => {
  process.stdout.write(`closed ${reason}\n`);
  server.close();
});
process.stdout.write(
  `ready ${sfu
    .workers()
    .map((w) => w.pid)
    .join(',')}\n`,
);
