// The common shape of the record endpoints: list (filters + pagination),
// get, create, update, delete, each scoped by the caller's claims. Resources
// plug in their schemas, filters, scope and hooks; anything unusual
// (interventions' versions and lifecycle) is written out in its own file.
import { z } from 'zod';
import type { Claims, Role } from '../auth/tokens.ts';
import { CALENDAR_DAY_FIELDS, IdParams, Page } from '@tournee/contracts/api';
import { forbidden, notFound, validationError } from './errors.ts';
import type { AgencyRule, ApiRegistry } from './registry.ts';

// Prisma's delegates differ per model; this is the part every one shares.
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface Delegate {
  findMany(args: any): Promise<any[]>;
  findFirst(args: any): Promise<any>;
  count(args: any): Promise<number>;
  create(args: any): Promise<any>;
  update(args: any): Promise<any>;
  delete(args: any): Promise<any>;
}
type Where = Record<string, unknown>;
type Data = Record<string, unknown>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface CrudResource<Q extends { limit: number; offset: number }> {
  /** Plural path segment, e.g. "agencies". */
  readonly name: string;
  /** Singular, for messages: "agency". */
  readonly noun: string;
  readonly tag: string;
  readonly delegate: () => Delegate;
  /** What the caller may see (merged into every query). */
  readonly scope: (auth: Claims) => Where;
  readonly readRoles?: readonly Role[];
  readonly writeRoles: readonly Role[];
  /** The routes' agency rule (registry.ts): 'shared' for records every agency shares. Default 'own'. */
  readonly agency?: AgencyRule;
  readonly query: z.ZodType<Q>;
  readonly filters: (query: Q) => Where;
  readonly orderBy?: unknown;
  readonly include?: unknown;
  readonly input: z.ZodType;
  readonly patch: z.ZodType;
  readonly output: z.ZodType;
  /** Input → Prisma create data (nested writes, renames). Default: as is. */
  readonly toCreate?: (input: Data, auth: Claims) => Data | Promise<Data>;
  /** Patch → Prisma update data; `existing` is the stored record. Default: as is. */
  readonly toUpdate?: (patch: Data, existing: Data, auth: Claims) => Data | Promise<Data>;
  /** The agency a record is or would be in: writes need the caller to manage it. */
  readonly agencyOf?: (data: Data) => string | undefined;
  /** Cross-field rules (a contract's superRefine) run on (stored record + patch) before an update. */
  readonly checkMerged?: (merged: Data, ctx: z.RefinementCtx) => void;
  readonly toOutput?: (record: Data) => unknown;
  readonly deletable?: boolean;
  /** Besides the roles and agencyOf: who may delete this record (throws 403). */
  readonly checkDelete?: (auth: Claims, record: Data) => Promise<void>;
}

export function crudRoutes<Q extends { limit: number; offset: number }>(api: ApiRegistry, r: CrudResource<Q>): void {
  const base = `/api/${r.name}`;
  const item = `${base}/:id`;
  const out = r.toOutput ?? ((x: Data) => x);
  const include = r.include ? { include: r.include } : {};
  const checkAgency = (auth: Claims, data: Data) => {
    const agencyId = r.agencyOf?.(data);
    if (agencyId !== undefined && auth.role !== 'admin' && !(auth.role === 'dispatcher' && auth.agencyIds.includes(agencyId))) {
      throw forbidden(`agency ${agencyId} is not one of yours`);
    }
  };
  const findScoped = async (auth: Claims, id: string) => {
    const record = await r.delegate().findFirst({ where: { AND: [{ id }, r.scope(auth)] }, ...include });
    if (!record) throw notFound(r.noun);
    return record as Data;
  };

  api.route(
    { method: 'get', path: base, summary: `List ${r.name}`, tag: r.tag, agency: r.agency, roles: r.readRoles, query: r.query, response: Page(r.output) },
    async ({ auth, query }) => {
      const where = { AND: [r.scope(auth), r.filters(query)] };
      const [items, total] = await Promise.all([
        // The id last: pages stay stable when the sort key ties.
        r.delegate().findMany({ where, orderBy: [...[r.orderBy ?? []].flat(), { id: 'asc' }], take: query.limit, skip: query.offset, ...include }),
        r.delegate().count({ where }),
      ]);
      return { items: items.map(out), total, limit: query.limit, offset: query.offset };
    },
  );

  api.route(
    { method: 'get', path: item, summary: `Get one ${r.noun}`, tag: r.tag, agency: r.agency, roles: r.readRoles, params: IdParams, response: r.output },
    async ({ auth, params }) => out(await findScoped(auth, params.id)),
  );

  api.route(
    {
      method: 'post',
      path: base,
      summary: `Create a ${r.noun}`,
      tag: r.tag,
      agency: r.agency,
      roles: r.writeRoles,
      body: r.input,
      response: r.output,
      status: 201,
      errors: [409, 422],
    },
    async ({ auth, body }) => {
      const input = daysToDates(body as Data);
      checkAgency(auth, input);
      const data = r.toCreate ? await r.toCreate(input, auth) : input;
      return out(await r.delegate().create({ data, ...include }));
    },
  );

  api.route(
    {
      method: 'patch',
      path: item,
      summary: `Update a ${r.noun} (only the fields sent)`,
      tag: r.tag,
      agency: r.agency,
      roles: r.writeRoles,
      params: IdParams,
      body: r.patch,
      response: r.output,
      errors: [409, 422],
    },
    async ({ auth, params, body }) => {
      const patch = daysToDates(body as Data);
      const existing = await findScoped(auth, params.id);
      checkAgency(auth, existing);
      if (patch.agencyId !== undefined) checkAgency(auth, patch);
      if (r.checkMerged) checkMerged(r.checkMerged, { ...existing, ...patch });
      const data = r.toUpdate ? await r.toUpdate(patch, existing, auth) : patch;
      return out(await r.delegate().update({ where: { id: params.id }, data, ...include }));
    },
  );

  if (r.deletable !== false) {
    api.route(
      { method: 'delete', path: item, summary: `Delete a ${r.noun}`, tag: r.tag, agency: r.agency, roles: r.writeRoles, params: IdParams, errors: [409] },
      async ({ auth, params }) => {
        const existing = await findScoped(auth, params.id);
        checkAgency(auth, existing);
        await r.checkDelete?.(auth, existing);
        await r.delegate().delete({ where: { id: params.id } });
        return undefined;
      },
    );
  }
}

/** `q` as a case-insensitive search over some text columns. */
export function textSearch(q: string | undefined, fields: readonly string[]): Where {
  if (!q?.trim()) return {};
  return { OR: fields.map((f) => ({ [f]: { contains: q.trim(), mode: 'insensitive' } })) };
}

/** Drops undefined members so they do not reach Prisma filters. */
export function defined(where: Where): Where {
  return Object.fromEntries(Object.entries(where).filter(([, v]) => v !== undefined));
}

/** Runs a contract's cross-field rules on a merged record; throws a 400 naming the fields. */
export function checkMerged(check: (value: Data, ctx: z.RefinementCtx) => void, merged: Data): void {
  const result = z.custom<Data>().superRefine(check).safeParse(merged);
  if (!result.success) throw validationError(result.error, 'body');
}

/**
 * Calendar days arrive as `YYYY-MM-DD`; Prisma wants Dates for `@db.Date`
 * columns (midnight UTC, which is what the column stores).
 */
export function daysToDates(data: Data): Data {
  const out: Data = { ...data };
  for (const key of Object.keys(out)) {
    if (!CALENDAR_DAY_FIELDS.has(key)) continue;
    const value = out[key];
    if (typeof value === 'string') out[key] = dayToDate(value);
    else if (Array.isArray(value)) out[key] = value.map((v) => (typeof v === 'string' ? dayToDate(v) : v));
  }
  return out;
}

export const dayToDate = (day: string): Date => new Date(`${day}T00:00:00.000Z`);
