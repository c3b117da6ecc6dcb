// Handles for the e2e tests and the benchmark (`window.__tournee`, the board's
// controller; `window.__tourneeMap`, the Leaflet map). They are not exposed to
// every page: only when the page was opened with `?debug` in its URL or when
// `localStorage['tournee.debug'] === '1'` — a test opts in with
// `page.addInitScript(() => localStorage.setItem('tournee.debug', '1'))`.

export const DEBUG_STORAGE_KEY = 'tournee.debug';

export type DebugHandle = '__tournee' | '__tourneeMap';

interface Where {
  readonly search?: string;
  readonly storage?: Pick<Storage, 'getItem'> | null;
}

/** Whether this page asked for the debug handles. */
export function debugEnabled(where: Where = browser()): boolean {
  if (where.search !== undefined && new URLSearchParams(where.search).has('debug')) return true;
  try {
    return where.storage?.getItem(DEBUG_STORAGE_KEY) === '1';
  } catch {
    // Storage denied (privacy settings): no opt-in from there.
    return false;
  }
}

/** Sets `window[name] = value` when debugging is on; returns whether it did. */
export function exposeDebug(name: DebugHandle, value: unknown, where?: Where): boolean {
  if (typeof window === 'undefined' || !debugEnabled(where ?? browser())) return false;
  (window as unknown as Record<string, unknown>)[name] = value;
  return true;
}

function browser(): Where {
  if (typeof window === 'undefined') return {};
  // Reading localStorage throws where storage is disabled (sandboxed frames, some privacy modes).
  let storage: Pick<Storage, 'getItem'> | null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  return { search: window.location?.search ?? '', storage };
}
