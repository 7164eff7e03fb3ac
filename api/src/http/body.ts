import express, { type Request, type RequestHandler } from 'express';
import { AppError } from './errors.ts';
import { findNulPaths } from './json-guard.ts';

export const JSON_BODY_LIMIT = '1mb';

/**
 * The body parser's refusals, as API errors. Its errors carry a `type` and a 4xx `status`; without
 * this mapping an unsupported charset, an unknown Content-Encoding or a body that does not inflate
 * would all answer 500. Anything else is not a client mistake and is left to the caller.
 */
export function bodyParserError(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { type?: unknown; status?: unknown; expose?: unknown };
  switch (e.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'MALFORMED_JSON', 'The request body is not valid JSON');
    case 'entity.too.large':
      return new AppError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
    case 'charset.unsupported':
      return new AppError(415, 'UNSUPPORTED_CHARSET', 'Send the request body as UTF-8');
    case 'encoding.unsupported':
      return new AppError(
        415,
        'UNSUPPORTED_CONTENT_ENCODING',
        'Content-Encoding may be gzip, deflate, br or identity',
      );
  }
  // A body that does not inflate (broken gzip), a short read, a length that does not match.
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true)
    return new AppError(400, 'MALFORMED_BODY', 'The request body could not be read');
  return undefined;
}

/** Whether the request carries body bytes (an empty body with Content-Length: 0 does not). */
export function hasBodyBytes(req: Request): boolean {
  const te = req.headers['transfer-encoding'];
  const length = Number(req.headers['content-length'] ?? 0);
  return te !== undefined || length > 0;
}

/**
 * JSON request bodies for the API router, as one request-level guard: parses `application/json`
 * (UTF-8 only, gzip/deflate/br), maps the parser's refusals to 4xx, and refuses NUL characters in
 * any string or key of the body or the query with 400 and their field paths. Routes that read their
 * own raw body (webhooks, uploads) are skipped by `skip`.
 */
export function jsonBody(skip: (req: Request) => boolean): RequestHandler {
  const parse = express.json({ limit: JSON_BODY_LIMIT });
  return (req, res, next) => {
    const guard = () => {
      const problems = [...findNulPaths(req.query, 'query'), ...findNulPaths(req.body, 'body')];
      if (problems.length)
        return next(new AppError(400, 'VALIDATION_FAILED', 'The request is invalid', problems));
      next();
    };
    if (skip(req)) return guard();
    parse(req, res, (err?: unknown) => {
      if (err) return next(bodyParserError(err) ?? err);
      guard();
    });
  };
}
