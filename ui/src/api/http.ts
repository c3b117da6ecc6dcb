// fetch with the session's bearer token and the server's error shape
// (`{error, details, current?}`) turned into one error class the screens can
// read: a 409 carries the record as it is now, so the board can reload it.
import { type CodedMessage, isMessageCode } from '@tournee/contracts/message-codes';
import type { ErrorResponse } from './types.ts';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly details: ErrorResponse['details'] = [],
    /** On 409: the record as the server holds it now. */
    readonly current: unknown = undefined,
    /** The server's text as a code with parameters, for the screens to translate (ui/src/i18n/message-text.ts). */
    readonly coded: CodedMessage | undefined = undefined,
  ) {
    super(message);
  }
  get isConflict(): boolean {
    return this.status === 409;
  }
}

export type TokenSource = () => string | null;

export interface Http {
  get<T>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
}

export function createHttp(token: TokenSource, onUnauthorized: () => void = () => {}, base = ''): Http {
  async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const bearer = token();
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      // status 0: the network, not the server, failed (the board says "offline").
      throw new ApiError(0, error instanceof Error ? error.message : String(error));
    }
    const text = await response.text();
    const json: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) {
      if (response.status === 401) onUnauthorized();
      const e = (json ?? {}) as Partial<ErrorResponse> & { current?: unknown };
      const coded = isMessageCode(e.code) ? { code: e.code, ...(e.params ? { params: e.params } : {}) } : undefined;
      throw new ApiError(response.status, e.error ?? response.statusText, e.details ?? [], e.current, coded);
    }
    return json as T;
  }
  return {
    get: (path, query) => send('GET', path + queryString(query)),
    post: (path, body) => send('POST', path, body ?? {}),
    patch: (path, body) => send('PATCH', path, body ?? {}),
    put: (path, body) => send('PUT', path, body ?? {}),
    delete: (path) => send('DELETE', path),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: text.slice(0, 200), details: [] };
  }
}

export function queryString(query?: Record<string, string | number | boolean | undefined>): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const s = params.toString();
  return s ? `?${s}` : '';
}
