// Shared by the back office's screens (stock, warranties, billing): the
// session's http client they send through, the board's own (ui/src/api/http.ts:
// the session's bearer token, the server's `{error, details}` turned into
// ApiError), and the reading of validation details per field. Screens get it
// with `useBackOfficeHttp()` and hand it to their api.ts, whose calls go through
// the typed client (ui/src/api/client.ts); tests inject a fake through
// <BackOfficeHttpContext.Provider>.
//
// Stable API: BackOfficeHttp, createBackOfficeHttp, BackOfficeHttpContext,
// useBackOfficeHttp, fieldErrors, errorMessage, errorAt.
import { createContext, useContext, useMemo } from 'react';
import { ApiError, createHttp, queryString, type Http, type TokenSource } from '../../api/http.ts';
import { ControllerContext } from '../../state/context.tsx';

/** The board's client (GET, POST, PATCH, PUT, DELETE): the back office needs nothing more. */
export type BackOfficeHttp = Http;

export function createBackOfficeHttp(token: TokenSource, onUnauthorized: () => void = () => {}, base = ''): BackOfficeHttp {
  return createHttp(token, onUnauthorized, base);
}

/** Set by tests (or a host page) to replace the network. */
export const BackOfficeHttpContext = createContext<BackOfficeHttp | null>(null);

/** The back office's client for the logged-in session (a 401 ends the session like the board's own calls). */
export function useBackOfficeHttp(): BackOfficeHttp {
  const injected = useContext(BackOfficeHttpContext);
  const controller = useContext(ControllerContext);
  return useMemo(() => {
    if (injected) return injected;
    if (!controller) throw new Error('useBackOfficeHttp outside the board (no controller) and no <BackOfficeHttpContext.Provider>');
    return createBackOfficeHttp(
      () => controller.store.get().session?.token ?? null,
      // The controller's own 401 handling (ends the session with a notice).
      () => controller.expire(),
    );
  }, [injected, controller]);
}

export { ApiError, queryString };

/**
 * The server's validation details by field path (`lines[0].quantity`,
 * `toDepotId`…). Both the full path and its last segment are keys, so a form
 * can look up `quantity` for a one-line form.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const d of error.details ?? []) {
    if (!d.path) continue;
    out[d.path] ??= d.message;
    const last = d.path
      .replace(/\[\d+\]/g, '')
      .split('.')
      .pop();
    if (last) out[last] ??= d.message;
  }
  return out;
}

/** The message for a field, trying each path given (e.g. 'lines[0].partId', 'partId'). */
export function errorAt(errors: Record<string, string>, ...paths: string[]): string | undefined {
  for (const p of paths) if (errors[p]) return errors[p];
  return undefined;
}

/** The error's general message (with its first detail when it names no field of the form). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const unnamed = (error.details ?? []).filter((d) => !d.path).map((d) => d.message);
    return [error.message, ...unnamed].join(' — ');
  }
  return error instanceof Error ? error.message : String(error);
}
