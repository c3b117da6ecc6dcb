import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main, parseArgs } from '../../cli/tournee.ts';
import { usageErrorOf } from './support.ts';

/** The program itself: the commands it registers, usage errors, help and version. Each command has its own file. */

function streams(stdin = '') {
  const out = { stdout: '', stderr: '' };
  const input = new PassThrough();
  input.end(stdin);
  const sink = (key: 'stdout' | 'stderr') =>
    Object.assign(new PassThrough(), {
      write(chunk: string, callback?: (error?: Error | null) => void) {
        out[key] += chunk;
        callback?.(null);
        return true;
      },
    });
  return { io: { stdin: input, stdout: sink('stdout'), stderr: sink('stderr') }, out };
}

describe('tournee', () => {
  it('lists every command in the help, on stdout with exit 0', () => {
    const result = parseArgs(['--help']);
    expect(result).toMatchObject({ kind: 'exit', code: 0, stderr: '' });
    if (result.kind === 'exit') for (const command of ['solve', 'plan', 'insert', 'slots']) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it("prints engine/package.json's version", () => {
    expect(parseArgs(['--version'])).toMatchObject({ kind: 'exit', code: 0, stdout: '0.1.0\n' });
  });

  it.each([
    [['optimise'], /unknown command 'optimise'/],
    [[], /Usage: tournee/],
    [['solve', 'extra'], /too many arguments/],
  ])('refuses %j with exit 2 and a message', (argv, message) => {
    expect(usageErrorOf(argv)).toMatch(message);
  });

  it('main writes a usage error to stderr and resolves to 2, without touching stdout', async () => {
    const { io, out } = streams();
    expect(await main(['solve', '--fast'], io)).toBe(2);
    expect(out).toEqual({ stdout: '', stderr: expect.stringMatching(/unknown option '--fast'/) });
  });

  it('main writes the answer to stdout and resolves to its code', async () => {
    const { io, out } = streams('{"jobs": []}');
    expect(await main(['solve'], io)).toBe(2);
    expect(JSON.parse(out.stdout)).toEqual({ code: 2, error: 'vehicles: is required' });
    expect(out.stderr).toBe('');
  });
});
