// A scripted back-office server for component tests: routes as
// "METHOD /api/path/:id" → handler; every call is recorded. Handlers throw
// ApiError to answer an error (the client's real error class).
import type { ReactElement } from 'react';
import { ApiError } from '../../../src/api/http.ts';
import { BackOfficeHttpContext, type BackOfficeHttp, queryString } from '../../../src/back-office/shared/client.ts';
import type { BoardController } from '../../../src/state/controller.ts';
import { fakeApi, loggedInBoard } from '../../support/fake-board.ts';
import { renderBoard } from '../../support/render.tsx';

export interface Call {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}
type Handler = (req: { params: Record<string, string>; query: Record<string, string>; body: any }) => unknown;
export type Routes = Record<string, Handler>;

export function fakeHttp(routes: Routes): { http: BackOfficeHttp; calls: Call[]; routes: Routes } {
  const calls: Call[] = [];
  async function handle(method: string, full: string, body?: unknown): Promise<never> {
    const [path, qs = ''] = full.split('?') as [string, string?];
    const query = Object.fromEntries(new URLSearchParams(qs));
    calls.push({ method, path, query, body });
    for (const [key, handler] of Object.entries(routes)) {
      const [m, pattern] = key.split(' ') as [string, string];
      if (m !== method) continue;
      const params = match(pattern, path);
      if (params) return structuredClone(await handler({ params, query, body })) as never;
    }
    throw new ApiError(404, `no route ${method} ${path}`);
  }
  const http: BackOfficeHttp = {
    get: (path, query) => handle('GET', path + queryString(query)),
    post: (path, body) => handle('POST', path, body ?? {}),
    patch: (path, body) => handle('PATCH', path, body ?? {}),
    put: (path, body) => handle('PUT', path, body ?? {}),
    delete: (path) => handle('DELETE', path),
  };
  return { http, calls, routes };
}

function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split('/');
  const b = path.split('/');
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.startsWith(':')) params[a[i]!.slice(1)] = decodeURIComponent(b[i]!);
    else if (a[i] !== b[i]) return null;
  }
  return params;
}

export const conflict = (message: string, details: { path: string; message: string }[] = []) =>
  new ApiError(
    409,
    message,
    details.map((d) => ({ ...d, in: 'body' as const })),
  );
export const invalid = (message: string, details: { path: string; message: string }[] = []) =>
  new ApiError(
    422,
    message,
    details.map((d) => ({ ...d, in: 'body' as const })),
  );

/** The screen on a logged-in board, its calls going to `http`. */
export async function renderScreen(
  ui: ReactElement,
  http: BackOfficeHttp,
  language: 'fr' | 'en' = 'fr',
  role: 'dispatcher' | 'admin' = 'dispatcher',
): Promise<{ controller: BoardController }> {
  const api = fakeApi({
    login: async () => ({ token: 'tok', user: { id: 'u1', email: 'd@x.fr', name: 'Dispatch', role, technicianId: null, agencyIds: ['ag-aix'] } }),
  });
  const { controller } = await loggedInBoard(api);
  renderBoard(<BackOfficeHttpContext.Provider value={http}>{ui}</BackOfficeHttpContext.Provider>, controller, language);
  return { controller };
}

/** Intl's French money uses narrow no-break spaces: compare with plain spaces. */
export const plain = (text: string | null | undefined): string => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
