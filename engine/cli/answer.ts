import type { ErrorOutput } from '../src/types.ts';

/**
 * What every command answers: one JSON document carrying VROOM's `code` (0 ok, 1 internal, 2 input,
 * 3 routing) beside the result or the error, and the exit status is that code, as the vroom binary does.
 */
export interface CodedOutput {
  readonly code: number;
}

/** A refusal of the CLI itself (missing key, bad rank), reported as VROOM's input error. */
export class CliInputError extends Error {}

export function inputError(message: string): ErrorOutput {
  return { code: 2, error: `input: ${message}` };
}

/** The engine's errors carry VROOM's code (2 input, 3 routing); anything else is internal. */
export function errorOutput(error: unknown): ErrorOutput {
  if (error instanceof CliInputError) return inputError(error.message);
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && (code === 2 || code === 3)) {
    return { code, error: code === 3 && error.name === 'OsrmRoutingError' ? `routing: ${error.message}` : error.message };
  }
  return { code: 1, error: `internal error: ${errorMessage(error)}` };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function formatOutput(output: CodedOutput, pretty: boolean): string {
  return `${JSON.stringify(output, null, pretty ? 2 : undefined)}\n`;
}

/** The process exit status for an answer: its code when it is one of VROOM's, else 1. */
export function exitCodeOf(output: CodedOutput): number {
  return output.code === 0 || output.code === 1 || output.code === 2 || output.code === 3 ? output.code : 1;
}
