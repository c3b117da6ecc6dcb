import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import type { FieldServicePlan, FieldServiceProblem, InsertionCandidate, Slot } from '../../src/field-service/types.ts';
import type { Input, SolvedOutput } from '../../src/types.ts';
import { checkSolution } from '../support/check-solution.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(repoRoot, 'engine/cli/bin.mjs');
const engineExists = existsSync(join(repoRoot, 'engine/src/index.ts'));

function solveConfig(invocation: Invocation): SolveConfig {
  if (invocation.kind === 'exit') throw new Error(`expected a solve, got exit ${invocation.code}: ${invocation.stderr}`);
  if (invocation.kind !== 'solve') throw new Error(`expected a solve, got ${invocation.kind}`);
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

describe('parseArgs for the field-service commands', () => {
  const io = { input: undefined, output: undefined, pretty: false, osrm: undefined, osrmProfile: 'driving' };

  it('gives the documented defaults', () => {
    expect(parseArgs(['plan'])).toEqual({ kind: 'plan', config: { ...io, timeLimitMs: 5000, seed: 1, maxIterations: undefined } });
    expect(parseArgs(['insert'])).toEqual({
      kind: 'insert',
      config: { ...io, timeLimitMs: 1000, seed: 1, maxIterations: undefined, limit: undefined, apply: undefined, days: 'today' },
    });
    expect(parseArgs(['slots'])).toEqual({ kind: 'slots', config: { ...io, count: undefined } });
  });

  it('reads every flag', () => {
    expect(parseArgs(['plan', '-i', 'p.json', '-o', '-', '-l', '30', '--seed', '4', '--iterations', '900', '--pretty', '--osrm', 'http://127.0.0.1:5000'])).toEqual({
      kind: 'plan',
      config: { ...io, input: 'p.json', pretty: true, osrm: 'http://127.0.0.1:5000', timeLimitMs: 30_000, seed: 4, maxIterations: 900 },
    });
    expect(parseArgs(['insert', '--top', '3', '--apply', '--days', 'all', '-l', '0.5', '--osrm-profile', 'car'])).toMatchObject({
      kind: 'insert',
      config: { limit: 3, apply: 1, days: 'all', timeLimitMs: 500, osrmProfile: 'car' },
    });
    expect(parseArgs(['insert', '--apply', '2'])).toMatchObject({ config: { apply: 2 } });
    expect(parseArgs(['slots', '--count', '8', '-i', 's.json'])).toMatchObject({ kind: 'slots', config: { count: 8, input: 's.json' } });
  });

  it.each([
    [['plan', '-l', '0'], /expected a positive number of seconds/],
    [['insert', '--top', '0'], /'--top <n>' argument '0' is invalid/],
    [['insert', '--apply', 'best'], /'--apply \[rank\]' argument 'best' is invalid/],
    [['insert', '--days', 'tomorrow'], /Allowed choices are today, all/],
    [['slots', '--count', '-1'], /argument '-1' is invalid/],
    [['slots', '--seed', '2'], /unknown option '--seed'/],
    [['plan', '--osrm', 'localhost:5000'], /expected an http\(s\) URL/],
  ])('rejects %j with exit 2 and a message', (argv, message) => {
    const result = parseArgs(argv);
    expect(result).toMatchObject({ kind: 'exit', code: 2 });
    if (result.kind === 'exit') expect(result.stderr).toMatch(message);
  });

  it('lists the commands in the help', () => {
    const result = parseArgs(['--help']);
    expect(result).toMatchObject({ kind: 'exit', code: 0 });
    if (result.kind === 'exit') for (const command of ['solve', 'plan', 'insert', 'slots']) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });
});

const fieldServiceExists = existsSync(join(repoRoot, 'engine/src/field-service/index.ts'));

describe.skipIf(!fieldServiceExists)('tournee plan, insert and slots, as child processes, on engine/examples', () => {
  const examples = join(repoRoot, 'engine/examples');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tournee-fs-cli-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Async, unlike `run`: the OSRM test's server lives in this process and must answer while the child waits. */
  function runAsync(args: readonly string[], stdin = ''): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = execFile(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      });
      child.stdin?.end(stdin);
    });
  }

  const visitIds = (plan: FieldServicePlan): string[] => [...plan.tours.flatMap((t) => t.stops.map((s) => s.visit)), ...plan.unassigned.map((u) => u.visit)];

  it('plans the example problem into a file; every visit is in a tour or explained', async () => {
    const out = join(dir, 'plan.json');
    const result = await runAsync(['plan', '-i', join(examples, 'plan.json'), '-o', out, '--iterations', '100', '--seed', '2']);
    expect(result).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const answer = JSON.parse(readFileSync(out, 'utf8')) as FieldServicePlan & { code: number };
    expect(answer.code).toBe(0);
    const problem = JSON.parse(readFileSync(join(examples, 'plan.json'), 'utf8')) as FieldServiceProblem;
    expect(visitIds(answer).sort()).toEqual(problem.visits.map((v) => v.id).sort());
    expect(answer.unassigned.every((u) => u.reasons.length > 0)).toBe(true);
    expect(answer.kpis.assigned).toBeGreaterThan(0);
  });

  it('re-plans from now with {problem, state, plan}: done visits stay out, started ones stay first', async () => {
    const example = JSON.parse(readFileSync(join(examples, 'insert.json'), 'utf8')) as { problem: FieldServiceProblem; plan: FieldServicePlan; state: unknown };
    const result = await runAsync(['plan', '--iterations', '50'], JSON.stringify({ problem: example.problem, plan: example.plan, state: example.state }));
    expect(result.status).toBe(0);
    const plan = JSON.parse(result.stdout) as FieldServicePlan;
    const done = example.problem.visits.filter((v) => v.status === 'done').map((v) => v.id);
    expect(visitIds(plan).filter((id) => done.includes(id))).toEqual([]);
    const radiator = plan.tours.find((t) => t.stops.some((s) => s.visit === 'v-radiator'));
    expect(radiator).toMatchObject({ technician: 't-amelie', day: 0 });
    expect(radiator?.stops[0]).toMatchObject({ visit: 'v-radiator', fixed: true });
  });

  it('ranks insertion candidates best first, --top keeps the best ones', async () => {
    const result = await runAsync(['insert', '-i', join(examples, 'insert.json'), '--top', '1', '--pretty']);
    expect(result.status).toBe(0);
    const all = await runAsync(['insert', '-i', join(examples, 'insert.json')]);
    const { candidates } = JSON.parse(all.stdout) as { candidates: InsertionCandidate[] };
    expect(candidates.length).toBeGreaterThan(1);
    const scores = candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(JSON.parse(result.stdout)).toEqual({ code: 0, candidates: candidates.slice(0, 1) });
    expect(candidates.every((c) => c.day === 0 && c.eta >= 32_400)).toBe(true);
  });

  it('applies a candidate: the urgent visit lands with that technician, the answer chains into the next call', async () => {
    const result = await runAsync(['insert', '-i', join(examples, 'insert.json'), '--apply', '2', '--iterations', '50']);
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout) as {
      candidates: InsertionCandidate[];
      applied: { candidate: InsertionCandidate; problem: FieldServiceProblem; plan: FieldServicePlan };
    };
    expect(answer.applied.candidate).toEqual(answer.candidates[1]);
    expect(answer.applied.problem.visits.some((v) => v.id === 'v-urgent-heating')).toBe(true);
    const tour = answer.applied.plan.tours.find((t) => t.stops.some((s) => s.visit === 'v-urgent-heating'));
    expect(tour).toMatchObject({ technician: answer.applied.candidate.technician, day: 0 });
  });

  it('proposes slots ranked by cost, --count overriding the file', async () => {
    const result = await runAsync(['slots', '-i', join(examples, 'slots.json'), '--count', '3']);
    expect(result.status).toBe(0);
    const { slots } = JSON.parse(result.stdout) as { slots: Slot[] };
    expect(slots).toHaveLength(3);
    expect(slots.map((s) => s.cost)).toEqual(slots.map((s) => s.cost).sort((a, b) => a - b));
    for (const slot of slots) {
      expect(slot.window[1] - slot.window[0]).toBe(7200);
      expect(slot.eta).toBeGreaterThanOrEqual(slot.window[0]);
      expect(slot.eta).toBeLessThanOrEqual(slot.window[1]);
    }
  });

  it('answers a missing key or a bad problem with code 2, and names the field', async () => {
    const missing = await runAsync(['slots'], JSON.stringify({ problem: {}, visit: {} }));
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.stdout)).toEqual({ code: 2, error: 'input: plan: is required (the current plan, as `tournee plan` writes it)' });
    const bad = await runAsync(['plan'], JSON.stringify({ horizon: { days: 1 }, technicians: [{ id: 't' }], visits: [] }));
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ code: 2, error: expect.stringMatching(/^technicians\[0\]\.home: /) });
  });

  it('takes travel times from an OSRM server with --osrm, and answers code 3 when it fails', async () => {
    let requests = 0;
    let failing = false;
    // A stand-in for osrm-routed: travel proportional to the coordinate difference, so that plans differ from the crow-flies model.
    const server = createServer((req, res) => {
      requests++;
      const url = new URL(req.url ?? '/', 'http://localhost');
      const coords = (/\/table\/v1\/driving\/([^/]+)$/.exec(url.pathname)?.[1] ?? '').split(';').map((p) => p.split(',').map(Number));
      const pick = (name: string): number[] => (url.searchParams.get(name) ?? '').split(';').map(Number);
      res.setHeader('content-type', 'application/json');
      if (failing) {
        res.statusCode = 400;
        res.end(JSON.stringify({ code: 'NoSegment', message: 'Could not find a matching segment for coordinate 0' }));
        return;
      }
      const table = (scale: number) =>
        pick('sources').map((s) => pick('destinations').map((d) => scale * (Math.abs(coords[s][0] - coords[d][0]) + Math.abs(coords[s][1] - coords[d][1]))));
      res.end(JSON.stringify({ code: 'Ok', durations: table(20_000), distances: table(300_000) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await runAsync(['plan', '-i', join(examples, 'plan.json'), '--iterations', '50', '--osrm', url]);
      expect(ok.status).toBe(0);
      expect(requests).toBe(1);
      const plan = JSON.parse(ok.stdout) as FieldServicePlan;
      // The first leg of the first tour is the server's, not the crow-flies model's.
      const tour = plan.tours[0];
      const problem = JSON.parse(readFileSync(join(examples, 'plan.json'), 'utf8')) as FieldServiceProblem;
      const site = problem.visits.find((v) => v.id === tour.stops[0].visit)!.location;
      const expected = 20_000 * (Math.abs(tour.start.location[0] - site[0]) + Math.abs(tour.start.location[1] - site[1]));
      expect(tour.stops[0].travelTime).toBe(Math.round(expected));

      const slots = await runAsync(['slots', '-i', join(examples, 'slots.json'), '--osrm', url]);
      expect(slots.status).toBe(0);

      failing = true;
      const failed = await runAsync(['insert', '-i', join(examples, 'insert.json'), '--osrm', url]);
      expect(failed.status).toBe(3);
      expect(JSON.parse(failed.stdout)).toEqual({ code: 3, error: expect.stringMatching(/^routing: OSRM table request .*NoSegment: Could not find/) });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
