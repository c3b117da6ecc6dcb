// The back office's shared REST client (ui/src/back-office/shared/client.ts:
// the session's bearer token, the server's `{error, details}` as ApiError,
// PUT and DELETE), as the Warranty claims and Quotes & invoices screens use it.
// Tests inject a fake through <BackOfficeHttpContext.Provider>.
import { listAll, useBackOfficeHttp, type BackOfficeHttp, type Query } from '../shared/client.ts';

export type Rest = BackOfficeHttp;
export type { Query };

/** The client of the logged-in board's session. */
export const useRest = (): Rest => useBackOfficeHttp();

export const enc = encodeURIComponent;

/** Every page of a list (the server answers at most 200 a page). */
export const allPages = <T,>(rest: Rest, path: string, query: Query = {}, max = 1000): Promise<T[]> => listAll<T>(rest, path, query, max);
