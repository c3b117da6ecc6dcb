/**
 * `tournee`, the command line of the engine: one JSON document in, one out carrying VROOM's `code`,
 * exit status = that code (0 ok, 1 internal, 2 input, 3 routing). Usage errors exit 2 with a message
 * on stderr; nothing ever prints a stack trace.
 *
 * Adding a command: write `commands/<name>.ts` exporting `<name>Command = defineCommand({ name, declare,
 * configure, run })` (command.ts): `declare` adds the description and options to commander's subcommand
 * (reuse the groups in options.ts and field-service.ts), `configure` turns the parsed options into the
 * command's settings (with `output` and `pretty`), `run` reads the input (json-input.ts), does the work
 * and resolves to the answer — errors included, as `{code, error}` (answer.ts), never a throw. Then
 * import it below and add it to COMMANDS; tests go to engine/test/cli/<name>.test.ts. Load the engine
 * inside `run` (`await import(...)`), so that `--help` stays fast when run through tsx.
 *
 * bin.mjs runs the bundle of this file (engine/dist/tournee.mjs, built by build.mjs) when it is
 * up to date with the sources, else this file through tsx.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { errorMessage } from './answer.ts';
import type { CliCommand, PreparedCommand } from './command.ts';
import { capacityCommand } from './commands/capacity.ts';
import { insertCommand } from './commands/insert.ts';
import { planCommand } from './commands/plan.ts';
import { slotsCommand } from './commands/slots.ts';
import { solveCommand } from './commands/solve.ts';
import { writeAnswer, type CliIo } from './io.ts';

/**
 * The body of `solve --threads`' worker threads (engine/io/solve-threads.ts starts them on the module
 * it lives in: in the compiled CLI, that is this bundle, so it is reached from here).
 */
export async function runSolveWorker(): Promise<void> {
  (await import('../io/solve-threads.ts')).runSolveWorker();
}

/** Every command, in the order `--help` lists them. */
const COMMANDS: readonly CliCommand[] = [solveCommand, planCommand, insertCommand, slotsCommand, capacityCommand];

const USAGE_EXIT = 2;

/** What the arguments ask for: a command with its settings, or an immediate exit (help, version, usage error) with its text. */
export type Invocation =
  ({ readonly kind: 'run' } & PreparedCommand) | { readonly kind: 'exit'; readonly code: number; readonly stdout: string; readonly stderr: string };

/** Parses the command line without touching the process: commander's output is captured, its exits returned. */
export function parseArgs(argv: readonly string[]): Invocation {
  let stdout = '';
  let stderr = '';
  let chosen: PreparedCommand | undefined;

  const program = new Command('tournee')
    .description("Tournée's route optimization engine: VROOM JSON in, VROOM JSON out (solve), and field-service planning (the other commands).")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void (stdout += text),
      writeErr: (text) => void (stderr += text),
    })
    .showHelpAfterError('(run with --help for usage)');
  const version = packageVersion();
  if (version) program.version(version, '-V, --version');

  for (const command of COMMANDS) {
    command.declare(program.command(command.name)).action((options: unknown) => {
      chosen = command.prepare(options);
    });
  }

  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return { kind: 'exit', code: error.exitCode === 0 ? 0 : USAGE_EXIT, stdout, stderr };
    throw error;
  }
  if (!chosen) return { kind: 'exit', code: USAGE_EXIT, stdout, stderr: stderr + program.helpInformation() };
  return { kind: 'run', ...chosen };
}

function packageVersion(): string | undefined {
  try {
    // engine/package.json, from engine/cli/ and from the bundle in engine/dist/ alike.
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the command line; resolves to the exit status. Never rejects. */
export async function main(argv: readonly string[], io: CliIo = process): Promise<number> {
  try {
    const invocation = parseArgs(argv);
    if (invocation.kind === 'exit') {
      io.stdout.write(invocation.stdout);
      io.stderr.write(invocation.stderr);
      return invocation.code;
    }
    return await writeAnswer(await invocation.run(io), invocation.config, io);
  } catch (error) {
    io.stderr.write(`tournee: ${errorMessage(error)}\n`);
    return 1;
  }
}

/** Runs `main` on this process: its arguments, its streams, its exit status. */
export async function runProcess(): Promise<void> {
  // Closing the reader of a pipe (`tournee solve | head`) is not an error worth a trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.stderr.write(`tournee: ${error.message}\n`);
  });
  // exitCode rather than exit(): pending output to a pipe or file still gets flushed.
  process.exitCode = await main(process.argv.slice(2));
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Run when started directly (`npx tsx engine/cli/tournee.ts …`, `node engine/dist/tournee.mjs …`); bin.mjs and the tests import it instead.
if (isEntryPoint()) await runProcess();
