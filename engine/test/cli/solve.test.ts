import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SolvedOutput } from '../../src/types.ts';
import { checkSolution } from '../support/check-solution.ts';
import { configOf, expectNoStackTrace, runCli, scratchDir, tiny, usageErrorOf } from './support.ts';

describe('tournee solve: options', () => {
  it('gives the documented defaults', () => {
    expect(configOf(['solve'])).toEqual({
      input: undefined,
      output: undefined,
      timeLimitMs: 5000,
      seed: 1,
      maxIterations: undefined,
      pretty: false,
      threads: 1,
    });
  });

  it('reads every flag, short and long', () => {
    expect(configOf(['solve', '-i', 'in.json', '-o', 'out.json', '-l', '0.25', '--seed', '-7', '--iterations', '300', '--pretty', '--threads', '2'])).toEqual({
      input: 'in.json',
      output: 'out.json',
      timeLimitMs: 250,
      seed: -7,
      maxIterations: 300,
      pretty: true,
      threads: 2,
    });
    expect(configOf(['solve', '--input=a', '--output', 'b', '--limit', '2'])).toMatchObject({ input: 'a', output: 'b', timeLimitMs: 2000 });
  });

  it("takes '-' for the standard streams", () => {
    expect(configOf(['solve', '-i', '-', '-o', '-'])).toMatchObject({ input: undefined, output: undefined });
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
    [['solve', '--threads', '0'], /'--threads <n>' argument '0' is invalid\. expected a positive integer/],
  ])('rejects %j with exit 2 and a message', (argv, message) => {
    expect(usageErrorOf(argv)).toMatch(message);
  });
});

describe('tournee solve, as a child process', () => {
  const dir = scratchDir('tournee-solve-');

  it('rejects a bad flag with exit 2, a message and no stack trace', async () => {
    const result = await runCli(['solve', '--limit', '-1']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/argument '-1' is invalid\. expected a positive number of seconds/);
    expectNoStackTrace(result.stderr);
  });

  it('answers invalid JSON on stdin with a code-2 output naming the line and column, and exit 2', async () => {
    const result = await runCli(['solve'], '{\n  "vehicles": [}');
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ code: 2, error: "input: invalid JSON at line 2, column 16: expected a value, found '}'" });
    expectNoStackTrace(result.stderr);
  });

  it('answers a missing input file with a code-2 output', async () => {
    const result = await runCli(['solve', '-i', join(dir(), 'nope.json')]);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ code: 2, error: expect.stringMatching(/^input: cannot read .*nope\.json: ENOENT/) });
  });

  it('reports an unwritable output on stderr with exit 1', async () => {
    writeFileSync(join(dir(), 'tiny.json'), JSON.stringify(tiny));
    const result = await runCli(['solve', '-i', join(dir(), 'tiny.json'), '-o', join(dir(), 'missing-dir', 'out.json'), '--iterations', '10']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^tournee: cannot write the output: ENOENT/);
    expectNoStackTrace(result.stderr);
  });

  it('solves a tiny file into an output file, feasibly', async () => {
    const inputPath = join(dir(), 'tiny.json');
    const outputPath = join(dir(), 'out.json');
    writeFileSync(inputPath, JSON.stringify(tiny));
    const result = await runCli(['solve', '-i', inputPath, '-o', outputPath, '--iterations', '200', '--seed', '3', '-l', '10']);
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' }); // not a terminal: no progress line
    const output = JSON.parse(readFileSync(outputPath, 'utf8')) as SolvedOutput;
    expect(output.code).toBe(0);
    expect(output.unassigned).toEqual([]);
    expect(checkSolution(tiny, output)).toEqual([]);
  });

  it('reads stdin and writes indented JSON to stdout with --pretty', async () => {
    const result = await runCli(['solve', '--pretty', '--iterations', '50'], JSON.stringify(tiny));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\{\n {2}"code": 0,\n/);
    expect(checkSolution(tiny, JSON.parse(result.stdout) as SolvedOutput)).toEqual([]);
  });

  it("exits with the engine's input error code", async () => {
    const result = await runCli(['solve', '--iterations', '10'], JSON.stringify({ jobs: [] }));
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ code: 2, error: 'vehicles: is required' });
  });
});
