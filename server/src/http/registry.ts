// Routes are declared once, as data: method, path, who may call, zod schemas
// for params, query, body and answer. The registry mounts them on an Express
// router (validating every input) and the OpenAPI document is generated from
// the same declarations, so the two cannot drift apart.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Claims, Role } from '../auth/tokens.ts';
import { forbidden, HttpError, unauthorized, validationError, type FieldLocation } from './errors.ts';
import { checkJsonBody } from './json-body.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined> {
  readonly method: Method;
  /** Express syntax: /api/technicians/:id/shifts */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** Who may call; absent = any logged-in user. */
  readonly roles?: readonly Role[];
  /** Which agencies' records it reaches (see AgencyRule); absent = 'own'. */
  readonly agency?: AgencyRule;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** The success answer (absent: 204 No Content). */
  readonly response?: Schema;
  readonly status?: number;
  /** Error statuses worth documenting besides 400/401/403/404. */
  readonly errors?: readonly number[];
  readonly description?: string;
}

/**
 * The agency half of a route's access rule (the role half is `roles`), as
 * data: the registry enforces it and the OpenAPI document publishes it
 * (`x-agency`), from which the authorization matrix test is generated.
 *
 * - `own` (the default): agency-owned records (interventions, technicians,
 *   sectors, depots, documents, runs…). The handler scopes what it reads to
 *   the caller's agencies (another agency's record: 404); here, an `agencyId`
 *   in the query or body must be one of the caller's (403 naming the field).
 * - `shared`: records all agencies share (the installed base, the catalogue,
 *   reference data) or the caller's own session; no agency to check here.
 *
 * Either way, records a body names are checked against their stored agency
 * by the handler (references.ts), never against the body's claim.
 */
export type AgencyRule = 'own' | 'shared';

/** Throws 403 when the query's or body's agencyId is not one of the caller's agencies. */
function checkAgencyFields(auth: Claims, query: unknown, body: unknown): void {
  if (auth.role === 'admin') return;
  for (const [value, where] of [
    [query, 'query'],
    [body, 'body'],
  ] as const) {
    const agencyId = (value as { agencyId?: unknown } | undefined)?.agencyId;
    if (typeof agencyId === 'string' && !auth.agencyIds.includes(agencyId)) {
      throw new HttpError(403, `agency ${agencyId} is not one of yours`, [{ path: 'agencyId', in: where, message: 'not one of your agencies' }]);
    }
  }
}

export interface Context<P, Q, B, A> {
  readonly req: Request;
  readonly res: Response;
  readonly auth: A;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
}

export interface RouteDoc {
  readonly spec: RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined>;
  readonly isPublic: boolean;
}

export class ApiRegistry {
  readonly router = Router();
  readonly routes: RouteDoc[] = [];

  /** A route for logged-in users (optionally only some roles). */
  route<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
    spec: RouteSpec<P, Q, B>,
    handler: (ctx: Context<Out<P>, Out<Q>, Out<B>, Claims>) => unknown,
  ): void {
    this.mount(spec, false, handler as (ctx: Context<unknown, unknown, unknown, Claims | undefined>) => unknown);
  }

  /** A route anyone may call (login, health, the OpenAPI document). */
  publicRoute<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
    spec: RouteSpec<P, Q, B>,
    handler: (ctx: Context<Out<P>, Out<Q>, Out<B>, Claims | undefined>) => unknown,
  ): void {
    this.mount(spec, true, handler as (ctx: Context<unknown, unknown, unknown, Claims | undefined>) => unknown);
  }

  private mount(
    spec: RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined>,
    isPublic: boolean,
    handler: (ctx: Context<unknown, unknown, unknown, Claims | undefined>) => unknown,
  ): void {
    this.routes.push({ spec, isPublic });
    this.router[spec.method](spec.path, async (req, res) => {
      if (!isPublic) {
        if (!req.auth) throw unauthorized(req.authError);
        if (spec.roles && !spec.roles.includes(req.auth.role)) {
          throw forbidden(`this needs the role ${spec.roles.join(' or ')}; you are ${req.auth.role}`);
        }
      }
      if (spec.body) checkJsonBody(req.body);
      const params = parse(spec.params, req.params, 'params');
      const query = parse(spec.query, req.query, 'query');
      const body = parse(spec.body, req.body ?? {}, 'body');
      if (spec.body) refuseUnknownFields(spec.body, req.body);
      if (!isPublic && (spec.agency ?? 'own') === 'own') checkAgencyFields(req.auth!, query, body);
      const result = await handler({ req, res, auth: req.auth, params, query, body });
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else res.status(spec.status ?? 200).json(result);
    });
  }
}

function parse(schema: Schema | undefined, value: unknown, where: FieldLocation): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, where);
  return parsed.data;
}

// zod drops unknown keys silently; a client sending `status` in a PATCH would
// then see its version bumped and nothing changed. Top-level unknown fields of
// a plain object body are refused, naming them.
function refuseUnknownFields(schema: Schema, body: unknown): void {
  if (!(schema instanceof z.ZodObject) || typeof body !== 'object' || body === null || Array.isArray(body)) return;
  // z.looseObject / .catchall() declare extra keys welcome (a VROOM problem's own fields).
  if (schema._zod.def.catchall !== undefined) return;
  const known = new Set(Object.keys(schema.shape));
  const unknown = Object.keys(body).filter((key) => !known.has(key));
  if (unknown.length === 0) return;
  throw new HttpError(
    400,
    'invalid request body',
    unknown.map((path) => ({
      path,
      in: 'body' as const,
      message: `unknown field (expected one of ${[...known].join(', ')})`,
    })),
  );
}
