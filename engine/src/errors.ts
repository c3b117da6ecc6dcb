import { StatusCode } from './types.ts';

/**
 * The engine's one error family. Its code is VROOM's: 1 internal, 2 input,
 * 3 routing. Only the edges (CLI, server) map codes to exit statuses or HTTP.
 */
export class EngineError extends Error {
  readonly code: 1 | 2 | 3;
  constructor(code: 1 | 2 | 3, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

/** Bad input: the message starts with the field's path, e.g. `jobs[3].time_windows[0]: …`. */
export class InputError extends EngineError {
  /** Path of the offending field, e.g. `jobs[3].time_windows[0]`; empty for the whole input. */
  readonly path: string;
  constructor(path: string, reason: string) {
    super(StatusCode.input, path ? `${path}: ${reason}` : reason);
    this.name = 'InputError';
    this.path = path;
  }
}

/** Formats a path of keys and indices the way messages show it: `jobs[3].time_windows[0]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${key}` : key;
  }
  return out;
}
