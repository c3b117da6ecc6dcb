import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { parseArgs } from '../../cli/tournee.ts';
import type { Input } from '../../src/types.ts';

/** What the CLI tests share: paths, running `tournee` as a child process, a tiny problem. */

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const bin = join(repoRoot, 'engine/cli/bin.mjs');
export const examples = join(repoRoot, 'engine/examples');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node <script> args…` with `stdin`. Asynchronous, so that a server living in the test's process
 * (the OSRM stand-in) can answer while the child waits. `script` defaults to the `tournee` bin.
 */
export function runNode(args: readonly string[], stdin = '', script = bin): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [script, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin);
  });
}

/** `tournee args…` through its bin, as a user runs it. */
export function runCli(args: readonly string[], stdin = ''): Promise<CliResult> {
  return runNode(args, stdin);
}

export function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/^\s+at /m);
}

/** A scratch folder for the tests of one file, removed after them. */
export function scratchDir(prefix: string): () => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** The settings `parseArgs` chose for a command; fails on an exit. */
export function configOf(argv: readonly string[]): unknown {
  const invocation = parseArgs(argv);
  if (invocation.kind === 'exit') throw new Error(`expected a command, got exit ${invocation.code}: ${invocation.stderr}`);
  expect(invocation.name).toBe(argv[0]);
  return invocation.config;
}

/** `parseArgs(argv)` refused with exit 2; its message. */
export function usageErrorOf(argv: readonly string[]): string {
  const invocation = parseArgs(argv);
  expect(invocation).toMatchObject({ kind: 'exit', code: 2 });
  return invocation.kind === 'exit' ? invocation.stderr : '';
}

/** Three jobs on a 4-place matrix, one vehicle with capacity: small enough to check by hand. */
export const tiny: Input = {
  vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [4] }],
  jobs: [
    { id: 1, location_index: 1, service: 60, delivery: [1] },
    { id: 2, location_index: 2, service: 60, delivery: [2] },
    { id: 3, location_index: 3, service: 60, pickup: [1], time_windows: [[0, 4000]] },
  ],
  matrices: {
    car: {
      durations: [
        [0, 300, 500, 700],
        [300, 0, 250, 450],
        [500, 250, 0, 200],
        [700, 450, 200, 0],
      ],
    },
  },
};
