// The REST client typed by the contracts' route table
// (@tournee/contracts/routes). A call names its route by key —
// `call('POST /api/interventions/:id/assign', { params: { id }, body })` —
// and the params it needs, the query fields it may send, the body's type and
// the answer's type all come from that route's zod schemas. A path renamed or
// a body changed in the table is a type error here; the server's test of the
// table (server/test/http/route-table.test.ts) keeps the table true to the
// server. Types only (`import type`): zod stays out of the bundle.
//
// The sending is the board's http client (./http.ts): the session's bearer
// token, a 401 ending the session, the server's `{error, details, current}`
// as ApiError — unchanged.
import type { z } from 'zod';
import type { ApiRoutes, RouteKey } from '@tournee/contracts/routes';
import { queryString, type Http } from './http.ts';

export type { RouteKey };

type Field<K extends RouteKey, F extends 'params' | 'query' | 'body' | 'response'> = ApiRoutes[K] extends { readonly [P in F]: infer S extends z.ZodType }
  ? S
  : never;

/**
 * A query's values as the browser has them. The query schemas read text (numbers and booleans arrive as strings
 * and are coerced by the server), so a number or a boolean is accepted where the schema's input is text.
 */
type QueryValue<T> = T | (T extends string ? number | boolean : never) | undefined;
export type QueryOf<K extends RouteKey> = [Field<K, 'query'>] extends [never]
  ? never
  : { readonly [P in keyof z.input<Field<K, 'query'>>]?: QueryValue<z.input<Field<K, 'query'>>[P]> };
export type ParamsOf<K extends RouteKey> = [Field<K, 'params'>] extends [never] ? never : z.input<Field<K, 'params'>>;
export type BodyOf<K extends RouteKey> = [Field<K, 'body'>] extends [never] ? never : z.input<Field<K, 'body'>>;
/** What the route answers (JSON), or nothing for a 204. */
export type AnswerOf<K extends RouteKey> = [Field<K, 'response'>] extends [never] ? void : z.output<Field<K, 'response'>>;

/** What a call sends: `params` when the path has some, `body` when the route takes one, `query` always optional. */
export type RequestOf<K extends RouteKey> = ([ParamsOf<K>] extends [never] ? unknown : { readonly params: ParamsOf<K> }) &
  ([BodyOf<K>] extends [never] ? unknown : { readonly body: BodyOf<K> }) &
  ([QueryOf<K>] extends [never] ? unknown : { readonly query?: QueryOf<K> });

/** Routes that need nothing take no second argument. */
type RequestArgs<K extends RouteKey> = unknown extends RequestOf<K> ? [request?: RequestOf<K>] : [request: RequestOf<K>];

export type CallApi = <K extends RouteKey>(route: K, ...request: RequestArgs<K>) => Promise<AnswerOf<K>>;

/** Routes whose answer is a page ({items, total}): what `allPages` can walk. */
export type PagedRoute = {
  [K in RouteKey]: AnswerOf<K> extends { items: unknown[]; total: number } ? ([ParamsOf<K>] extends [never] ? K : never) : never;
}[RouteKey];
export type ItemOf<K extends RouteKey> = AnswerOf<K> extends { items: (infer T)[] } ? T : never;

interface LooseRequest {
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string | number | boolean | undefined>;
  readonly body?: unknown;
}

/** '/api/plans/:id/accept' with {id: 'p 1'} → '/api/plans/p%201/accept'. */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${template}: no value for :${name}`);
    return encodeURIComponent(value);
  });
}

function split(route: string): [method: string, path: string] {
  const space = route.indexOf(' ');
  return [route.slice(0, space), route.slice(space + 1)];
}

/** A route's URL (for a link or a download the browser fetches itself), typed as a call is. */
export function routeUrl<K extends RouteKey>(route: K, ...request: RequestArgs<K>): string {
  const [, template] = split(route);
  const r = (request[0] ?? {}) as LooseRequest;
  return fillPath(template, r.params) + queryString(r.query);
}

export function createCallApi(http: Http): CallApi {
  return (<K extends RouteKey>(route: K, ...request: RequestArgs<K>): Promise<unknown> => {
    const [method, template] = split(route);
    const r = (request[0] ?? {}) as LooseRequest;
    const path = fillPath(template, r.params);
    switch (method) {
      case 'GET':
        return http.get(path, r.query);
      case 'POST':
        return http.post(path + queryString(r.query), r.body);
      case 'PUT':
        return http.put(path + queryString(r.query), r.body);
      case 'PATCH':
        return http.patch(path + queryString(r.query), r.body);
      case 'DELETE':
        return http.delete(path + queryString(r.query));
      default:
        throw new Error(`unknown method in route ${route}`);
    }
  }) as CallApi;
}

/** Every page of a list route (200 a page, as the server allows at most), up to `max` items. */
export async function allPages<K extends PagedRoute>(call: CallApi, route: K, query: QueryOf<K> = {} as QueryOf<K>, max = 2000): Promise<ItemOf<K>[]> {
  const items: ItemOf<K>[] = [];
  for (let offset = 0; offset < max; offset += 200) {
    const page = await (call as (route: RouteKey, request: LooseRequest) => Promise<{ items: ItemOf<K>[]; total: number }>)(route, {
      query: { ...(query as LooseRequest['query']), limit: 200, offset },
    });
    items.push(...page.items);
    if (page.items.length < 200 || items.length >= page.total) break;
  }
  return items;
}
