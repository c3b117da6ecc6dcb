// The last-resort handlers (issue 11): before them, one unhandled rejection
// from the Redis client ended the whole server. In a process of its own, as
// they only make sense there: rejections and connection errors are logged and
// the process goes on; any other uncaught exception is logged and the process
// stops through its clean shutdown, with exit code 1.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isConnectionError } from '../src/process-faults.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('isConnectionError', () => {
  it('knows socket errors and the Redis clients’ connection errors, nothing else', () => {
    expect(isConnectionError(Object.assign(new Error('read'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('Command timed out'), { name: 'TimeoutError' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('offline'), { name: 'ClientOfflineError' }))).toBe(true);
    expect(isConnectionError(new TypeError('x is not a function'))).toBe(false);
    expect(isConnectionError('ECONNRESET')).toBe(false);
    expect(isConnectionError(null)).toBe(false);
  });
});

describe('installFaultHandlers in a process', () => {
  it('keeps serving after a rejection and a connection error, stops cleanly on another exception', () => {
    const script = `
      import { componentLogger } from './server/src/logger.ts';
      import { installFaultHandlers } from './server/src/process-faults.ts';
      const logger = componentLogger('test');
      installFaultHandlers(logger, (reason) => { logger.info('clean shutdown: ' + reason); process.exit(1); });
      Promise.reject(Object.assign(new Error('Command timed out'), { name: 'TimeoutError' }));
      setTimeout(() => { throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }); }, 20);
      setTimeout(() => logger.info('still serving'), 60);
      setTimeout(() => { throw new TypeError('a bug'); }, 100);
      setTimeout(() => logger.info('never reached'), 2000);
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; err?: { message: string } });
    expect(lines.slice(0, 3).map((l) => l.msg)).toEqual([
      'unhandled promise rejection: logged, still serving',
      'uncaught connection error: logged, still serving',
      'still serving',
    ]);
    // pino writes its fatal line at once, ahead of what is buffered: the last two in either order.
    expect(
      lines
        .slice(3)
        .map((l) => l.msg)
        .sort(),
    ).toEqual(['clean shutdown: uncaught exception', 'uncaught exception: shutting down']);
    expect(lines.find((l) => l.msg === 'uncaught exception: shutting down')!.err?.message).toBe('a bug');
    expect(run.status).toBe(1);
  });
});
