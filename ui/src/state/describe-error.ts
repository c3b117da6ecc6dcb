// One line saying why a request failed, for notices and panels: the server's
// message with the first field it names, or the error's own message.
import { ApiError } from '../api/http.ts';

export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.details[0] ? `${error.message} (${error.details[0].path}: ${error.details[0].message})` : error.message;
  return error instanceof Error ? error.message : String(error);
}
