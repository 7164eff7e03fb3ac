import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AuthedUser } from '../../http/auth-middleware.ts';
import type { AuditActor } from '../files.ts';

/** Who did it, for the audit entry of a records request. */
export const actorOf = (user: AuthedUser, req: Request): AuditActor => ({
  actorId: user.id,
  actorRole: user.role,
  ip: req.ip ?? null,
});

// The ASCII fallback for old clients, the UTF-8 name (RFC 6266) for everyone else.
export const contentDisposition = (kind: 'attachment' | 'inline', name: string) => {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
};

/** Streams a generated PDF as a download that no cache keeps. */
export async function sendPdf(res: Response, doc: PDFKit.PDFDocument, filename: string) {
  res.status(200);
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', contentDisposition('attachment', filename));
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  await pipeline(doc as unknown as Readable, res);
}
