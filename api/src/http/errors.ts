import type { z } from 'zod';

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * The one failure type routes throw. Its status and code are the API contract; `details` is shown to
 * the client for 4xx only.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const unauthorized = (code = 'UNAUTHENTICATED', message = 'Authentication required') =>
  new AppError(401, code, message);
export const forbidden = (code = 'FORBIDDEN', message = 'You are not allowed to do this') =>
  new AppError(403, code, message);
export const notFound = (code = 'NOT_FOUND', message = 'Not found') => new AppError(404, code, message);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(409, code, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new AppError(422, code, message, details);
export const tooManyRequests = (retryAfterS: number, code = 'RATE_LIMITED') =>
  new AppError(
    429,
    code,
    `Too many attempts; retry in ${retryAfterS} s`,
    { retryAfterSeconds: retryAfterS },
    {
      'Retry-After': String(retryAfterS),
    },
  );
export const serviceUnavailable = (code: string, message: string) => new AppError(503, code, message);

export function validationError(where: 'body' | 'query' | 'params' | 'headers', err: z.ZodError): AppError {
  const details: FieldProblem[] = err.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  return new AppError(400, 'VALIDATION_FAILED', 'The request is invalid', details);
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function toErrorBody(err: AppError): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.details === undefined ? {} : { details: err.details }),
    },
  };
}
