import type { RequestHandler } from 'express';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { RouteBuilder } from '../http/route.ts';
import { detectMediaType } from '../records/sniff.ts';
import { createObjectStore } from '../storage/index.ts';
import { ObjectNotFoundError } from '../storage/types.ts';

const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
const PHOTO_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/webp']);
const keyFor = (doctorId: string) => `photos/${doctorId}`;

/** Reads a raw request body up to `max` bytes (profile photos are small; files use the vault). */
const rawBody =
  (max: number): RequestHandler =>
  async (req, _res, next) => {
    const parts: Buffer[] = [];
    let size = 0;
    try {
      // Past the limit the rest is read and dropped (up to a bound) so the client gets the 413
      // instead of a reset connection.
      for await (const c of req as AsyncIterable<Buffer>) {
        size += c.length;
        if (size > max * 8) return req.destroy();
        if (size <= max) parts.push(c);
      }
      if (size > max)
        return next(new AppError(413, 'PHOTO_TOO_LARGE', `A photo may be at most ${max / 1024 / 1024} MB`));
      req.body = Buffer.concat(parts);
      next();
    } catch (err) {
      next(err);
    }
  };

/** A doctor's public profile photo: PNG, JPEG or WebP by its bytes, kept in the object store. */
export function registerDoctorPhotoRoutes(route: RouteBuilder, ctx: AppContext) {
  const store = createObjectStore(ctx.config);
  route({
    method: 'put',
    path: '/doctors/me/photo',
    summary: 'Upload my profile photo (raw image bytes; PNG, JPEG or WebP, at most 2 MB)',
    tags: ['doctors'],
    access: ['doctor'],
    before: [rawBody(MAX_PHOTO_BYTES)],
    response: z.object({ photoUrl: z.string() }),
    handler: async ({ req, user }) => {
      const bytes = req.body as Buffer;
      const type = Buffer.isBuffer(bytes) ? detectMediaType(bytes.subarray(0, 16)) : undefined;
      if (!type || !PHOTO_TYPES.has(type))
        throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'A photo must be a PNG, JPEG or WebP image');
      await store.put(keyFor(user.id), Readable.from([bytes]));
      const photoUrl = `/api/v1/doctors/${user.id}/photo?v=${Date.now().toString(36)}`;
      const r = await ctx.db.query(
        'UPDATE doctor_profiles SET photo_url = $2, updated_at = now() WHERE user_id = $1',
        [user.id, photoUrl],
      );
      if (r.rowCount === 0) throw notFound('DOCTOR_PROFILE_MISSING', 'Create your doctor profile first');
      return { photoUrl };
    },
  });
  route({
    method: 'get',
    path: '/doctors/:id/photo',
    summary: "A doctor's profile photo",
    tags: ['doctors'],
    access: 'public',
    params: z.object({ id: z.uuid() }),
    handler: async ({ params, res }) => {
      let body: Readable;
      try {
        body = await store.get(keyFor(params.id));
      } catch (err) {
        if (err instanceof ObjectNotFoundError) throw notFound('PHOTO_NOT_FOUND', 'No photo');
        throw err;
      }
      const chunks: Buffer[] = [];
      for await (const c of body) chunks.push(c as Buffer);
      const bytes = Buffer.concat(chunks);
      res.setHeader('Content-Type', detectMediaType(bytes.subarray(0, 16)) ?? 'application/octet-stream');
      res.setHeader('Cache-Control', 'public, max-age=86400');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.end(bytes);
    },
  });
}
