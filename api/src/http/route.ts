import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import type { AccountRole, Role } from '@telehealth/platform/auth/tokens';
import { runActingFor } from '../audit/acting.ts';
import { hasBodyBytes } from './body.ts';
import { AppError, forbidden, unauthorized, validationError } from './errors.ts';
import type { AuthedUser } from './auth-middleware.ts';

export type Access = 'public' | 'authenticated' | readonly Role[];
/** A signed-in account: what every handler sees unless its access names 'guest'. */
export type AccountUser = AuthedUser & { role: AccountRole };
/** The caller a handler sees: a call guest only where the access list names 'guest'. */
type Caller<A extends Access> = A extends 'public'
  ? AuthedUser | undefined
  : A extends readonly Role[]
    ? 'guest' extends A[number]
      ? AuthedUser
      : AccountUser
    : AccountUser;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<
  B extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  P extends z.ZodType | undefined,
  A extends Access,
> {
  method: Method;
  /** Express-style path relative to /api/v1, e.g. `/doctors/:id`. */
  path: string;
  summary: string;
  tags: string[];
  access: A;
  body?: B;
  query?: Q;
  params?: P;
  /** Documented 2xx response; `raw` routes (files, redirects) leave it out. */
  response?: z.ZodType;
  status?: number;
  /** Express middleware that must run first (raw body parsers for webhooks, upload streams). */
  before?: RequestHandler[];
  handler: (ctx: {
    req: Request;
    res: Response;
    body: B extends z.ZodType ? z.infer<B> : undefined;
    query: Q extends z.ZodType ? z.infer<Q> : undefined;
    params: P extends z.ZodType ? z.infer<P> : undefined;
    user: Caller<A>;
  }) => Promise<unknown>;
}

const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export const ErrorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .meta({ id: 'Error' });

/**
 * Registers a route on the Express router and, from the same zod schemas, in the OpenAPI registry:
 * the validation that runs is the documentation that is published.
 */
export function createRouteBuilder(router: Router, registry: OpenAPIRegistry) {
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  return function route<
    B extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    P extends z.ZodType | undefined = undefined,
    A extends Access = Access,
  >(spec: RouteSpec<B, Q, P, A>): void {
    const status = spec.status ?? 200;
    registry.registerPath({
      method: spec.method,
      path: `/api/v1${toOpenApiPath(spec.path)}`,
      summary: spec.summary,
      tags: spec.tags,
      ...(spec.access === 'public' ? {} : { security: [{ bearer: [] }] }),
      request: {
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.params ? { params: spec.params as never } : {}),
      },
      responses: {
        [status]: spec.response
          ? { description: 'OK', content: { 'application/json': { schema: spec.response } } }
          : { description: 'OK' },
        default: { description: 'Error', content: { 'application/json': { schema: ErrorSchema } } },
      },
    });
    const template = `/api/v1${spec.path}`;
    const handler: RequestHandler = async (req, res, next) => {
      res.locals.route = template;
      try {
        const user = req.user;
        if (spec.access !== 'public') {
          if (!user) throw unauthorized();
          if (Array.isArray(spec.access) && !spec.access.includes(user.role)) throw forbidden();
          // A call guest's token is for its one consultation: only routes that name 'guest'.
          if (spec.access === 'authenticated' && user.role === 'guest') throw forbidden();
        }
        const parse = <S extends z.ZodType | undefined>(
          schema: S,
          value: unknown,
          where: 'body' | 'query' | 'params',
        ) => {
          if (!schema) return undefined;
          const r = schema.safeParse(value);
          if (!r.success) throw validationError(where, r.error);
          return r.data;
        };
        // A body this route would validate as JSON must have been sent as JSON: text/plain or a form
        // would otherwise be read as an empty body (and pass when every field is optional).
        if (spec.body && hasBodyBytes(req) && !req.is('application/json'))
          throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json');
        const run = () =>
          spec.handler({
            req,
            res,
            body: parse(spec.body, req.body ?? {}, 'body') as never,
            query: parse(spec.query, req.query, 'query') as never,
            params: parse(spec.params, req.params, 'params') as never,
            user: user as never,
          });
        // A guardian acting for a dependent: audit entries of this handler name the guardian.
        const out = await (user?.actorId
          ? runActingFor({ principalId: user.id, actorId: user.actorId }, run)
          : run());
        if (res.headersSent) return;
        if (out === undefined) res.status(status === 200 ? 204 : status).end();
        else res.status(status).json(out);
      } catch (err) {
        next(err);
      }
    };
    router[spec.method](spec.path, ...(spec.before ?? []), handler);
  };
}
export type RouteBuilder = ReturnType<typeof createRouteBuilder>;
