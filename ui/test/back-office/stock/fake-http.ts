// A scripted back-office server for component tests: handlers per
// "METHOD /path" (path without its query), every call recorded; a handler
// throws `apiError(status, message, details)` to answer like the server.
import { ApiError } from '../../../src/api/http.ts';
import type { BackOfficeHttp } from '../../../src/back-office/shared/client.ts';

export type Handler = (input: { query: Record<string, unknown>; body: unknown; path: string }) => unknown;

export interface FakeCall {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
}

export function apiError(status: number, message: string, details: Array<{ path: string; message: string }> = []): ApiError {
  return new ApiError(
    status,
    message,
    details.map((d) => ({ ...d, in: 'body' as const })),
  );
}

export const page = <T>(items: readonly T[]) => ({ items, total: items.length, limit: 200, offset: 0 });

export class FakeBackOffice implements BackOfficeHttp {
  readonly calls: FakeCall[] = [];
  constructor(private readonly handlers: Record<string, Handler>) {}

  on(route: string, handler: Handler): this {
    this.handlers[route] = handler;
    return this;
  }

  callsTo(method: string, path: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method && c.path === path);
  }

  private async send<T>(method: string, path: string, query: Record<string, unknown>, body: unknown): Promise<T> {
    this.calls.push({ method, path, query, body });
    const handler = this.handlers[`${method} ${path}`] ?? Object.entries(this.handlers).find(([k]) => matches(k, `${method} ${path}`))?.[1];
    if (!handler) throw apiError(404, `no fake for ${method} ${path}`);
    await Promise.resolve();
    return handler({ query, body, path }) as T;
  }

  get<T>(path: string, query: Record<string, string | number | boolean | undefined> = {}): Promise<T> {
    return this.send('GET', path, query, undefined);
  }
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.send('POST', path, {}, body);
  }
  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.send('PATCH', path, {}, body);
  }
  put<T>(path: string, body?: unknown): Promise<T> {
    return this.send('PUT', path, {}, body);
  }
  delete<T>(path: string): Promise<T> {
    return this.send('DELETE', path, {}, undefined);
  }
}

/** "POST /api/supplier-orders/:id/receipts" matches "POST /api/supplier-orders/o-1/receipts". */
function matches(pattern: string, actual: string): boolean {
  if (!pattern.includes(':')) return false;
  const p = pattern.split('/');
  const a = actual.split('/');
  return p.length === a.length && p.every((seg, i) => seg.startsWith(':') || seg === a[i]);
}
