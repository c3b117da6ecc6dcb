import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatProgress,
  locateJsonError,
  parseArgs,
  parseInputJson,
  progressLine,
  type Invocation,
  type SolveConfig,
} from '../../cli/tournee.ts';
import type { Input, SolvedOutput } from '../../src/types.ts';
import { checkSolution } from '../support/check-solution.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(repoRoot, 'engine/cli/bin.mjs');
const engineExists = existsSync(join(repoRoot, 'engine/src/index.ts'));

function solveConfig(invocation: Invocation): SolveConfig {
  if (invocation.kind !== 'solve') throw new Error(`expected a solve, got exit ${invocation.code}: ${invocation.stderr}`);
  return invocation.config;
}

describe('parseArgs', () => {
  it('gives the documented defaults', () => {
    expect(solveConfig(parseArgs(['solve']))).toEqual({
      input: undefined,
      output: undefined,
      timeLimitMs: 5000,
      seed: 1,
      maxIterations: undefined,
      pretty: false,
    });
  });

  it('reads every flag, short and long', () => {
    expect(solveConfig(parseArgs(['solve', '-i', 'in.json', '-o', 'out.json', '-l', '0.25', '--seed', '-7', '--iterations', '300', '--pretty']))).toEqual({
      input: 'in.json',
      output: 'out.json',
      timeLimitMs: 250,
      seed: -7,
      maxIterations: 300,
      pretty: true,
    });
    expect(solveConfig(parseArgs(['solve', '--input=a', '--output', 'b', '--limit', '2']))).toMatchObject({ input: 'a', output: 'b', timeLimitMs: 2000 });
  });

  it("takes '-' for the standard streams", () => {
    expect(solveConfig(parseArgs(['solve', '-i', '-', '-o', '-']))).toMatchObject({ input: undefined, output: undefined });
  });

  it.each([
    [['solve', '-l', '0'], /'-l, --limit <seconds>' argument '0' is invalid\. expected a positive number of seconds/],
    [['solve', '-l', 'abc'], /argument 'abc' is invalid/],
    [['solve', '-l', ''], /argument '' is invalid/],
    [['solve', '-l', 'Infinity'], /argument 'Infinity' is invalid/],
    [['solve', '--seed', '1.5'], /'--seed <n>' argument '1\.5' is invalid\. expected an integer/],
    [['solve', '--seed', '0x10'], /argument '0x10' is invalid/],
    [['solve', '--iterations', '0'], /'--iterations <n>' argument '0' is invalid\. expected a positive integer/],
    [['solve', '--iterations', '-3'], /argument '-3' is invalid/],
    [['solve', '--limit'], /option '-l, --limit <seconds>' argument missing/],
    [['solve', '--fast'], /unknown option '--fast'/],
    [['solve', 'extra'], /too many arguments/],
    [['optimise'], /unknown command 'optimise'/],
    [[], /Usage: tournee/],
  ])('rejects %j with exit 2 and a message', (argv, message) => {
    const result = parseArgs(argv);
    expect(result).toMatchObject({ kind: 'exit', code: 2 });
    if (result.kind === 'exit') expect(result.stderr).toMatch(message);
  });

  it('answers --help on stdout with exit 0', () => {
    const result = parseArgs(['solve', '--help']);
    expect(result).toMatchObject({ kind: 'exit', code: 0, stderr: '' });
    if (result.kind === 'exit') expect(result.stdout).toMatch(/--limit <seconds>/);
  });
});

describe('parseInputJson', () => {
  it('parses valid JSON, even behind a byte-order mark', () => {
    expect(parseInputJson('{"vehicles":[]}')).toEqual({ ok: true, value: { vehicles: [] } });
    expect(parseInputJson('\ufeff[1]')).toEqual({ ok: true, value: [1] });
  });

  it.each([
    ['{"a":}', 'input: invalid JSON at position 5 (line 1, column 6): unexpected character \'}\', expected a value'],
    ['', 'input: invalid JSON at position 0 (line 1, column 1): unexpected end of input'],
    ['{\n  "jobs": [1,]\n}', "input: invalid JSON at position 15 (line 2, column 14): unexpected character ']', expected a value"],
    ['{"a":1} x', "input: invalid JSON at position 8 (line 1, column 9): unexpected 'x' after the JSON value"],
    ["{'a':1}", "input: invalid JSON at position 1 (line 1, column 2): expected a property name, found '''"],
    ['{"a" 1}', "input: invalid JSON at position 5 (line 1, column 6): expected ':', found '1'"],
    ['[1 2]', "input: invalid JSON at position 3 (line 1, column 4): expected ',' or ']', found '2'"],
    ['{"a":tru}', "input: invalid JSON at position 8 (line 1, column 9): unexpected character '}'"],
    ['{"a":"x', 'input: invalid JSON at position 7 (line 1, column 8): unterminated string'],
    ['[01]', "input: invalid JSON at position 2 (line 1, column 3): expected ',' or ']', found '1'"],
  ])('maps %j to a code-2 output with the position', (text, error) => {
    expect(parseInputJson(text)).toEqual({ ok: false, output: { code: 2, error } });
  });

  it('agrees with JSON.parse on what is valid', () => {
    const samples = ['{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]}', ' 0 ', '"\\x"', '[1e]', '-', '1.', '"a\tb"', '{"a":1,}', '[]', '{}'];
    for (const text of samples) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(locateJsonError(text) === undefined, text).toBe(valid);
    }
  });
});

describe('progress line', () => {
  it('formats iteration, elapsed time, best cost and unassigned jobs', () => {
    expect(formatProgress({ iteration: 1200, elapsedMs: 1340, bestCost: 5321.456, unassigned: 2 })).toBe(
      'iteration 1200  1.3 s  best cost 5321.46  unassigned 2',
    );
  });

  it('rewrites one line in place, throttled, fitted to the terminal, and clears it', () => {
    let written = '';
    const line = progressLine({ columns: 20, write: (text: string) => (written += text) });
    line.report({ iteration: 100, elapsedMs: 10, bestCost: 900, unassigned: 0 });
    line.report({ iteration: 200, elapsedMs: 50, bestCost: 800, unassigned: 0 }); // too soon: skipped
    line.report({ iteration: 300, elapsedMs: 200, bestCost: 700, unassigned: 0 });
    line.clear();
    expect(written).toBe('\riteration 100  0.0 \x1b[K\riteration 300  0.2 \x1b[K\r\x1b[K');
  });

  it('clears nothing when nothing was shown', () => {
    let written = '';
    progressLine({ write: (text: string) => (written += text) }).clear();
    expect(written).toBe('');
  });
});

describe('tournee solve, as a child process', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tournee-cli-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const tiny: Input = {
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

  function run(args: readonly string[], stdin?: string) {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, input: stdin ?? '', encoding: 'utf8', timeout: 30_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  function expectNoStackTrace(text: string): void {
    expect(text).not.toMatch(/^\s+at /m);
  }

  it('rejects a bad flag with exit 2, a message and no stack trace', () => {
    const result = run(['solve', '--limit', '-1']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/argument '-1' is invalid\. expected a positive number of seconds/);
    expectNoStackTrace(result.stderr);
  });

  it('answers invalid JSON on stdin with a code-2 output and exit 2', () => {
    const result = run(['solve'], '{"vehicles": [}');
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      code: 2,
      error: "input: invalid JSON at position 14 (line 1, column 15): unexpected character '}', expected a value",
    });
    expectNoStackTrace(result.stderr);
  });

  it('answers a missing input file with a code-2 output', () => {
    const result = run(['solve', '-i', join(dir, 'nope.json')]);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ code: 2, error: expect.stringMatching(/^input: cannot read .*nope\.json: ENOENT/) });
  });

  it('reports an unwritable output on stderr with exit 1', () => {
    writeFileSync(join(dir, 'tiny.json'), JSON.stringify(tiny));
    const result = run(['solve', '-i', join(dir, 'tiny.json'), '-o', join(dir, 'missing-dir', 'out.json'), '--iterations', '10']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^tournee: cannot write the output: ENOENT/);
    expectNoStackTrace(result.stderr);
  });

  it.skipIf(!engineExists)('solves a tiny file into an output file, feasibly', () => {
    const inputPath = join(dir, 'tiny.json');
    const outputPath = join(dir, 'out.json');
    writeFileSync(inputPath, JSON.stringify(tiny));
    const result = run(['solve', '-i', inputPath, '-o', outputPath, '--iterations', '200', '--seed', '3', '-l', '10']);
    expect(result.stderr).toBe(''); // not a terminal: no progress line
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    const output = JSON.parse(readFileSync(outputPath, 'utf8')) as SolvedOutput;
    expect(output.code).toBe(0);
    expect(output.unassigned).toEqual([]);
    expect(checkSolution(tiny, output)).toEqual([]);
  });

  it.skipIf(!engineExists)('reads stdin and writes indented JSON to stdout with --pretty', () => {
    const result = run(['solve', '--pretty', '--iterations', '50'], JSON.stringify(tiny));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\{\n {2}"code": 0,\n/);
    expect(checkSolution(tiny, JSON.parse(result.stdout) as SolvedOutput)).toEqual([]);
  });

  it.skipIf(!engineExists)("exits with the engine's input error code", () => {
    const result = run(['solve', '--iterations', '10'], JSON.stringify({ jobs: [] }));
    expect(result.status).toBe(2);
    const output = JSON.parse(result.stdout) as { code: number; error: string };
    expect(output.code).toBe(2);
    expect(output.error).toMatch(/vehicles/);
  });

  it.skipIf(!engineExists)('also runs straight through tsx', () => {
    const tsx = join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
    const result = spawnSync(process.execPath, [tsx, 'engine/cli/tournee.ts', 'solve', '--iterations', '20'], {
      cwd: repoRoot,
      input: JSON.stringify(tiny),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ code: 0, summary: { unassigned: 0 } });
  });
});
