// The server's one logger: pino, one JSON object a line on stdout, with the
// part of the server that speaks in `component` (http, jobs, realtime, …).
// JSON lines are what log collectors (journald, Loki, CloudWatch) read; pipe
// them through `npx pino-pretty` to read them in a terminal.
//
// Level: LOG_LEVEL (trace, debug, info, warn, error, fatal, silent). Imported
// by tests (vitest sets VITEST), the default is `warn`, so a passing run stays
// quiet; the entry points (`npm start`, `npm run worker`) call
// useProcessLogLevel, whose default is `info`: a process a test spawns still
// says "listening" and "ready".
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

function levelFrom(raw: string | undefined, fallback: string): string {
  const level = raw?.trim().toLowerCase();
  return level && LEVELS.has(level) ? level : fallback;
}

export const logger: Logger = pino({
  level: levelFrom(process.env.LOG_LEVEL, process.env.VITEST ? 'warn' : 'info'),
  base: { pid: process.pid },
  // Error objects under `err` get their type, message and stack (pino's standard serializer).
  serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
});

/** For an entry point run as its own process: LOG_LEVEL, else `info`. */
export function useProcessLogLevel(env: NodeJS.ProcessEnv = process.env): void {
  logger.level = levelFrom(env.LOG_LEVEL, 'info');
}

/** The logger of one part of the server (`component` in every line). */
export function componentLogger(component: string): Logger {
  return logger.child({ component });
}

/**
 * Adapts a component's logger to the `(message, error?)` callbacks the
 * modules take (so that they stay testable without pino): with an error the
 * line is an error with its stack, without one it is `level`.
 */
export function logCallback(log: Logger, level: 'info' | 'warn' | 'error' = 'info'): (message: string, error?: unknown) => void {
  return (message, error) => {
    if (error !== undefined && error !== '') log.error({ err: error }, message);
    else log[level](message);
  };
}
