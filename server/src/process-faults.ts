// Last-resort handlers for errors nothing caught (issue 11: a Redis outage
// ended the process through an unhandled rejection from @redis/client).
//
// - An unhandled promise rejection is logged with its stack and the process
//   keeps serving: the promise's own request or job has failed already, the
//   rest of the process is untouched.
// - An uncaught exception leaves the process in an unknown state (Node's own
//   advice is to stop), except for connection errors — a socket reset, a
//   Redis client giving up a command — which concern one connection only:
//   those are logged and the process keeps serving. Anything else is logged
//   as fatal and the process shuts down cleanly (exit code 1), so that its
//   supervisor (systemd, the container runtime) starts a fresh one.
import type { Logger } from 'pino';

/** Error codes and names that concern one connection, not the process. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_STREAM_DESTROYED',
]);
const CONNECTION_ERROR_NAMES = new Set([
  // node-redis (@redis/client)
  'ClientOfflineError',
  'ClientClosedError',
  'TimeoutError',
  'ConnectionTimeoutError',
  'SocketClosedUnexpectedlyError',
  'SocketTimeoutError',
  'ReconnectStrategyError',
  // ioredis (BullMQ)
  'MaxRetriesPerRequestError',
]);

export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name } = error as { code?: unknown; name?: unknown };
  return (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) || (typeof name === 'string' && CONNECTION_ERROR_NAMES.has(name));
}

export interface FaultHandlers {
  /** Removes the handlers (tests, and a process that installs them twice). */
  uninstall(): void;
}

/**
 * `shutdown` is the process's clean stop; it is called once, for a fatal
 * exception, and must end the process (with exit code 1).
 */
export function installFaultHandlers(logger: Logger, shutdown: (reason: string) => void): FaultHandlers {
  let fatal = false;
  const onRejection = (reason: unknown) => {
    logger.error({ err: reason }, 'unhandled promise rejection: logged, still serving');
  };
  const onException = (error: Error, origin: string) => {
    if (isConnectionError(error)) {
      logger.error({ err: error, origin }, 'uncaught connection error: logged, still serving');
      return;
    }
    logger.fatal({ err: error, origin }, 'uncaught exception: shutting down');
    if (fatal) return;
    fatal = true;
    shutdown('uncaught exception');
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    uninstall() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}
