import { readFileSync, realpathSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type {
  FieldServicePlan,
  FieldServiceProblem,
  InsertionCandidate,
  Slot,
  SlotRequest,
  TravelMatrix,
  Visit,
} from '../src/field-service/types.ts';
import type { ErrorOutput, Output, Progress, SolveOptions } from '../src/types.ts';

/**
 * `tournee`, the command line of the engine. `tournee solve` behaves like the
 * `vroom` binary: VROOM JSON in, VROOM JSON out, exit status = the output's code
 * (0 ok, 1 internal, 2 input, 3 routing). Usage errors exit 2 with a message on
 * stderr; nothing ever prints a stack trace.
 *
 * `tournee plan`, `tournee insert` and `tournee slots` speak the field-service
 * format (engine/src/field-service/types.ts) the same way: one JSON document in,
 * one out with a `code` beside the answer, exit status = that code. Examples in
 * engine/examples/. With `--osrm URL`, travel comes from an OSRM server's table
 * service (engine/io/osrm-table.ts) instead of the crow-flies model; a routing
 * failure is code 3, as in VROOM.
 *
 * The pure parts (argument parsing, JSON reading, progress formatting) are
 * exported for the tests; `main` wires them to real streams and files.
 */

export interface SolveConfig {
  /** Input file; undefined reads stdin. */
  readonly input: string | undefined;
  /** Output file; undefined writes stdout. */
  readonly output: string | undefined;
  readonly timeLimitMs: number;
  readonly seed: number;
  readonly maxIterations: number | undefined;
  readonly pretty: boolean;
}

/** Options shared by the field-service commands. */
export interface FieldServiceConfig {
  readonly input: string | undefined;
  readonly output: string | undefined;
  readonly pretty: boolean;
  /** OSRM server root for travel times; undefined: the problem's crow-flies model. */
  readonly osrm: string | undefined;
  readonly osrmProfile: string;
}

export interface PlanConfig extends FieldServiceConfig {
  readonly timeLimitMs: number;
  readonly seed: number;
  readonly maxIterations: number | undefined;
}

export interface InsertConfig extends FieldServiceConfig {
  /** Time limit of the re-optimisation after `--apply`. */
  readonly timeLimitMs: number;
  readonly seed: number;
  readonly maxIterations: number | undefined;
  /** Keep the best this many candidates (`--top`, overrides the file's `limit`). */
  readonly limit: number | undefined;
  /** Rank (1 = best) of the candidate to apply; undefined ranks only. */
  readonly apply: number | undefined;
  /** Tours that may take the visit: the day under way, or every day from it on. */
  readonly days: 'today' | 'all';
}

export interface SlotsConfig extends FieldServiceConfig {
  /** How many slots (overrides the file's `count`). */
  readonly count: number | undefined;
}

/** What the arguments ask for: a command with its settings, or an immediate exit (help, version, usage error) with its text. */
export type Invocation =
  | { readonly kind: 'solve'; readonly config: SolveConfig }
  | { readonly kind: 'plan'; readonly config: PlanConfig }
  | { readonly kind: 'insert'; readonly config: InsertConfig }
  | { readonly kind: 'slots'; readonly config: SlotsConfig }
  | { readonly kind: 'exit'; readonly code: number; readonly stdout: string; readonly stderr: string };

type CommandInvocation = Exclude<Invocation, { kind: 'exit' }>;

export const DEFAULT_LIMIT_SECONDS = 5;
/** `insert --apply` re-optimises the day briefly: a dispatcher is waiting. */
export const DEFAULT_APPLY_LIMIT_SECONDS = 1;
export const DEFAULT_SEED = 1;
export const DEFAULT_OSRM_PROFILE = 'driving';
const USAGE_EXIT = 2;

export function parseLimit(value: string): number {
  const seconds = strictNumber(value);
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new InvalidArgumentError('expected a positive number of seconds.');
  return seconds;
}

export function parseSeed(value: string): number {
  const seed = strictNumber(value);
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError('expected an integer.');
  return seed;
}

export function parseIterations(value: string): number {
  const n = strictNumber(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer.');
  return n;
}

/** Number('') and Number(' ') are 0, and Number('0x10') is 16: accept only plain decimal notation. */
function strictNumber(value: string): number {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
}

interface RawSolveOptions {
  input?: string;
  output?: string;
  limit: number;
  seed: number;
  iterations?: number;
  pretty?: boolean;
}

export function toSolveConfig(raw: RawSolveOptions): SolveConfig {
  // '-' is the usual spelling of the standard streams.
  const file = (path: string | undefined): string | undefined => (path === undefined || path === '-' ? undefined : path);
  return {
    input: file(raw.input),
    output: file(raw.output),
    timeLimitMs: raw.limit * 1000,
    seed: raw.seed,
    maxIterations: raw.iterations,
    pretty: raw.pretty === true,
  };
}

interface RawFieldServiceOptions {
  input?: string;
  output?: string;
  pretty?: boolean;
  osrm?: string;
  osrmProfile: string;
  limit?: number;
  seed?: number;
  iterations?: number;
  apply?: number | true;
  days?: 'today' | 'all';
  count?: number;
}

export function parseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('expected an http(s) URL, e.g. http://127.0.0.1:5000.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('expected an http(s) URL, e.g. http://127.0.0.1:5000.');
  return value;
}

function fieldServiceConfig(raw: RawFieldServiceOptions): FieldServiceConfig {
  const file = (path: string | undefined): string | undefined => (path === undefined || path === '-' ? undefined : path);
  return { input: file(raw.input), output: file(raw.output), pretty: raw.pretty === true, osrm: raw.osrm, osrmProfile: raw.osrmProfile };
}

/** The options every field-service command has: files, JSON layout, travel source. */
function withFieldServiceIo(command: Command, inputHelp: string): Command {
  return command
    .option('-i, --input <file>', `read ${inputHelp} from this file (default: stdin)`)
    .option('-o, --output <file>', 'write the answer to this file (default: stdout)')
    .option('--osrm <url>', "travel times from this OSRM server's table service (default: crow flies × road factor at the problem's speed)", parseUrl)
    .option('--osrm-profile <name>', 'profile segment of the OSRM URL', DEFAULT_OSRM_PROFILE)
    .option('--pretty', 'indent the JSON output');
}

/** Parses the command line without touching the process: commander's output is captured, its exits returned. */
export function parseArgs(argv: readonly string[]): Invocation {
  let stdout = '';
  let stderr = '';
  let chosen: CommandInvocation | undefined;

  const program = new Command('tournee')
    .description("Tournée's route optimization engine: VROOM JSON in, VROOM JSON out (solve); field-service planning (plan, insert, slots).")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void (stdout += text),
      writeErr: (text) => void (stderr += text),
    })
    .showHelpAfterError('(run with --help for usage)');
  const version = packageVersion();
  if (version) program.version(version, '-V, --version');

  program
    .command('solve')
    .description('solve a vehicle routing problem given in VROOM JSON; the exit status is the output code (0 ok, 1 internal, 2 input, 3 routing)')
    .option('-i, --input <file>', 'read the problem from this file (default: stdin)')
    .option('-o, --output <file>', 'write the solution to this file (default: stdout)')
    .option('-l, --limit <seconds>', 'time limit, in seconds', parseLimit, DEFAULT_LIMIT_SECONDS)
    .option('--seed <n>', 'seed of the random number generator (integer)', parseSeed, DEFAULT_SEED)
    .option('--iterations <n>', 'stop after this many iterations (positive integer)', parseIterations)
    .option('--pretty', 'indent the JSON output')
    .action((raw: RawSolveOptions) => {
      chosen = { kind: 'solve', config: toSolveConfig(raw) };
    });

  withFieldServiceIo(
    program
      .command('plan')
      .description(
        'plan technicians and visits over the horizon (field-service format); with {problem, state, plan?} in, re-plan from now, keeping facts, pins and the published plan',
      ),
    'a field-service problem, or {problem, state, plan?}',
  )
    .option('-l, --limit <seconds>', 'time limit, in seconds', parseLimit, DEFAULT_LIMIT_SECONDS)
    .option('--seed <n>', 'seed of the random number generator (integer)', parseSeed, DEFAULT_SEED)
    .option('--iterations <n>', 'stop after this many iterations (positive integer)', parseIterations)
    .addHelpText('after', '\nExample:\n  tournee plan -i engine/examples/plan.json -o plan-out.json --seed 1 -l 2 --pretty')
    .action((raw: RawFieldServiceOptions) => {
      chosen = {
        kind: 'plan',
        config: { ...fieldServiceConfig(raw), timeLimitMs: (raw.limit ?? DEFAULT_LIMIT_SECONDS) * 1000, seed: raw.seed ?? DEFAULT_SEED, maxIterations: raw.iterations },
      };
    });

  withFieldServiceIo(
    program
      .command('insert')
      .description(
        'rank the (technician, position) candidates for an urgent visit in a day under way; with --apply, insert the chosen one and re-optimise the day briefly',
      ),
    '{problem, plan, state, visit, limit?}',
  )
    .option('--top <n>', "keep the best n candidates (positive integer; default the file's limit, else all)", parseIterations)
    .option('--apply [rank]', 'apply the candidate of this rank (1 = best, the default) and answer the new problem and plan', parseIterations)
    .addOption(new Option('--days <which>', 'tours that may take the visit').choices(['today', 'all']).default('today'))
    .option('-l, --limit <seconds>', 'time limit of the re-optimisation after --apply, in seconds', parseLimit, DEFAULT_APPLY_LIMIT_SECONDS)
    .option('--seed <n>', 'seed of the re-optimisation (integer)', parseSeed, DEFAULT_SEED)
    .option('--iterations <n>', 'iterations of the re-optimisation (positive integer; default the engine\'s)', parseIterations)
    .addHelpText('after', '\nExample:\n  tournee insert -i engine/examples/insert.json --top 3 --pretty\n  tournee insert -i engine/examples/insert.json --apply 1 -o after.json')
    .action((raw: RawFieldServiceOptions & { top?: number }) => {
      chosen = {
        kind: 'insert',
        config: {
          ...fieldServiceConfig(raw),
          timeLimitMs: (raw.limit ?? DEFAULT_APPLY_LIMIT_SECONDS) * 1000,
          seed: raw.seed ?? DEFAULT_SEED,
          maxIterations: raw.iterations,
          limit: raw.top,
          apply: raw.apply === true ? 1 : raw.apply,
          days: raw.days ?? 'today',
        },
      };
    });

  withFieldServiceIo(
    program
      .command('slots')
      .description('propose the best (day, arrival window, technician) slots for a customer on the phone, ranked by added cost')
      .option('--count <n>', 'how many slots (positive integer; default the file\'s count, else 5)', parseIterations),
    '{problem, plan, visit, state?, count?, windowLength?, windowStep?}',
  )
    .addHelpText('after', '\nExample:\n  tournee slots -i engine/examples/slots.json --count 3 --pretty')
    .action((raw: RawFieldServiceOptions) => {
      chosen = { kind: 'slots', config: { ...fieldServiceConfig(raw), count: raw.count } };
    });

  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return { kind: 'exit', code: error.exitCode === 0 ? 0 : USAGE_EXIT, stdout, stderr };
    throw error;
  }
  if (!chosen) return { kind: 'exit', code: USAGE_EXIT, stdout, stderr: stderr + program.helpInformation() };
  return chosen;
}

function packageVersion(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

export function inputError(message: string): ErrorOutput {
  return { code: 2, error: `input: ${message}` };
}

/**
 * JSON.parse, with a syntax error turned into VROOM's input error. V8's own
 * messages give the position only for some errors, so it is found here.
 */
export function parseInputJson(text: string): { ok: true; value: unknown } | { ok: false; output: ErrorOutput } {
  // Editors on Windows like to start files with a byte-order mark, which JSON.parse refuses.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const found = locateJsonError(body);
    if (!found) return { ok: false, output: inputError(`invalid JSON: ${errorMessage(error)}`) };
    const before = body.slice(0, found.position);
    const line = before.split('\n').length;
    const column = found.position - before.lastIndexOf('\n');
    return { ok: false, output: inputError(`invalid JSON at position ${found.position} (line ${line}, column ${column}): ${found.problem}`) };
  }
}

class JsonSyntaxError {
  constructor(
    readonly position: number,
    readonly problem: string,
  ) {}
}

/** Position and nature of the first syntax error of `text` under RFC 8259 (what JSON.parse accepts), if any. */
export function locateJsonError(text: string): { position: number; problem: string } | undefined {
  let i = 0;
  const fail = (problem?: string): never => {
    throw new JsonSyntaxError(i, problem ?? (i >= text.length ? 'unexpected end of input' : `unexpected character ${describeChar(text[i])}`));
  };
  const skipSpace = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const digits = (): void => {
    if (!(text[i] >= '0' && text[i] <= '9')) fail();
    while (text[i] >= '0' && text[i] <= '9') i++;
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const ch = text[i];
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        i++;
        if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i])) i++;
        else if (text[i] === 'u') {
          i++;
          for (let k = 0; k < 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail('bad \\u escape');
            i++;
          }
        } else fail('bad escape');
      } else if (ch < ' ') {
        fail(`unescaped control character ${describeChar(ch)} in string`);
      } else i++;
    }
  };
  const number = (): void => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const value = (): void => {
    skipSpace();
    const ch = text[i];
    if (ch === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail(i >= text.length ? undefined : `expected a property name, found ${describeChar(text[i])}`);
        string();
        skipSpace();
        if (text[i] !== ':') fail(i >= text.length ? undefined : `expected ':', found ${describeChar(text[i])}`);
        i++;
        value();
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail(i >= text.length ? undefined : `expected ',' or '}', found ${describeChar(text[i])}`);
      }
    } else if (ch === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail(i >= text.length ? undefined : `expected ',' or ']', found ${describeChar(text[i])}`);
      }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || (ch >= '0' && ch <= '9')) number();
    else fail(i >= text.length ? undefined : `unexpected character ${describeChar(ch)}, expected a value`);
  };

  try {
    value();
    skipSpace();
    if (i < text.length) fail(`unexpected ${describeChar(text[i])} after the JSON value`);
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { position: error.position, problem: error.problem };
    return undefined; // e.g. absurdly deep nesting: the caller falls back to JSON.parse's message
  }
}

function describeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `'${ch}'`;
}

/** Any answer of the CLI: VROOM's output, or a field-service answer, both with VROOM's `code`. */
export type CodedOutput = Output | FieldServiceOutput;

export function formatOutput(output: CodedOutput, pretty: boolean): string {
  return `${JSON.stringify(output, null, pretty ? 2 : undefined)}\n`;
}

/** The process exit status for an output: its code, as the vroom binary does. */
export function exitCodeOf(output: CodedOutput): number {
  return output.code === 0 || output.code === 1 || output.code === 2 || output.code === 3 ? output.code : 1;
}

export function formatProgress(p: Progress): string {
  const cost = Number.isInteger(p.bestCost) || !Number.isFinite(p.bestCost) ? String(p.bestCost) : p.bestCost.toFixed(2);
  return `iteration ${p.iteration}  ${(p.elapsedMs / 1000).toFixed(1)} s  best cost ${cost}  unassigned ${p.unassigned}`;
}

export interface ProgressStream {
  write(text: string): unknown;
  readonly columns?: number;
}

/** Minimum time between two redraws: the engine may report far more often than a terminal can show. */
const PROGRESS_INTERVAL_MS = 100;

/** One status line on a terminal, rewritten in place and erased by `clear`. */
export function progressLine(stream: ProgressStream): { report: (p: Progress) => void; clear: () => void } {
  let shown = false;
  let lastMs = Number.NEGATIVE_INFINITY;
  return {
    report(p) {
      if (p.elapsedMs - lastMs < PROGRESS_INTERVAL_MS) return;
      lastMs = p.elapsedMs;
      // A line longer than the terminal wraps, and '\r' would then rewrite only its last part.
      const width = stream.columns && stream.columns > 1 ? stream.columns - 1 : Number.POSITIVE_INFINITY;
      stream.write(`\r${formatProgress(p).slice(0, width)}\x1b[K`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };
}

type SolveFn = (input: unknown, options?: SolveOptions) => Output;

/** Runs the command line; resolves to the exit status. Never rejects. */
export async function main(argv: readonly string[], io: CliIo = process): Promise<number> {
  try {
    const invocation = parseArgs(argv);
    if (invocation.kind === 'exit') {
      io.stdout.write(invocation.stdout);
      io.stderr.write(invocation.stderr);
      return invocation.code;
    }
    if (invocation.kind === 'solve') return await runSolve(invocation.config, io);
    return await emit(await fieldServiceOutput(invocation, io), invocation.config, io);
  } catch (error) {
    io.stderr.write(`tournee: ${errorMessage(error)}\n`);
    return 1;
  }
}

async function runSolve(config: SolveConfig, io: CliIo): Promise<number> {
  return emit(await produceOutput(config, io), config, io);
}

/** Writes an answer where the config says; resolves to the exit status. */
async function emit(output: CodedOutput, config: { readonly output: string | undefined; readonly pretty: boolean }, io: CliIo): Promise<number> {
  const text = formatOutput(output, config.pretty);
  try {
    if (config.output === undefined) await writeStream(io.stdout, text);
    else await writeFile(config.output, text, 'utf8');
  } catch (error) {
    // A reader that closed the pipe early (`| head`) asked for no more; anything else deserves a word.
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') io.stderr.write(`tournee: cannot write the output: ${errorMessage(error)}\n`);
    return 1;
  }
  return exitCodeOf(output);
}

async function produceOutput(config: SolveConfig, io: CliIo): Promise<Output> {
  let text: string;
  try {
    if (config.input !== undefined) text = await readFile(config.input, 'utf8');
    else {
      if (io.stdin.isTTY) io.stderr.write('tournee: reading the problem from stdin (end with Ctrl-D; see --help)\n');
      text = await readStream(io.stdin);
    }
  } catch (error) {
    return inputError(`cannot read ${config.input ?? 'stdin'}: ${errorMessage(error)}`);
  }
  const parsed = parseInputJson(text);
  if (!parsed.ok) return parsed.output;

  // Loaded only now, so that usage errors and --help answer without loading the engine,
  // and so that a broken engine gives a code-1 output rather than a stack trace.
  let solve: SolveFn;
  try {
    ({ solve } = (await import('../src/index.ts')) as { solve: SolveFn });
  } catch (error) {
    return { code: 1, error: `internal: cannot load the engine: ${errorMessage(error)}` };
  }

  const progress = io.stderr.isTTY ? progressLine(io.stderr) : undefined;
  try {
    return solve(parsed.value, {
      seed: config.seed,
      ...(config.maxIterations !== undefined ? { maxIterations: config.maxIterations } : {}),
      timeLimitMs: config.timeLimitMs,
      clock: () => performance.now(),
      ...(progress ? { onProgress: progress.report } : {}),
    });
  } catch (error) {
    // solve() promises never to throw; should it break that promise, the caller still gets VROOM's shape.
    return { code: 1, error: `internal: ${errorMessage(error)}` };
  } finally {
    progress?.clear();
  }
}

// ---------------------------------------------------------------- field-service commands

type FieldServiceModule = typeof import('../src/field-service/index.ts');
type OsrmModule = typeof import('../io/osrm-table.ts');

/** What `plan`, `insert` and `slots` answer: the result beside VROOM's `code`, or an error. */
export type FieldServiceOutput =
  | ({ readonly code: 0 } & FieldServicePlan)
  | { readonly code: 0; readonly candidates: readonly InsertionCandidate[]; readonly applied?: AppliedInsertion }
  | { readonly code: 0; readonly slots: readonly Slot[] }
  | ErrorOutput;

export interface AppliedInsertion {
  readonly candidate: InsertionCandidate;
  /** The problem with the urgent visit added: the next call's `problem`. */
  readonly problem: FieldServiceProblem;
  readonly plan: FieldServicePlan;
}

/** A refusal of the CLI itself (missing key, bad rank), reported as VROOM's input error. */
class CliInputError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `document[key]`, which must be there. */
function required(document: Record<string, unknown>, key: string, what: string): unknown {
  if (document[key] === undefined) throw new CliInputError(`${key}: is required (${what})`);
  return document[key];
}

/**
 * The plan a previous `tournee plan` wrote. Only its outline is checked here;
 * the engine relies on the rest being what it produced.
 */
function planOf(value: unknown, key = 'plan'): FieldServicePlan {
  if (!isObject(value) || !Array.isArray(value.tours) || !Array.isArray(value.unassigned)) {
    throw new CliInputError(`${key}: must be a plan as \`tournee plan\` writes it (an object with tours and unassigned)`);
  }
  return value as unknown as FieldServicePlan;
}

async function fieldServiceOutput(invocation: Exclude<CommandInvocation, { kind: 'solve' }>, io: CliIo): Promise<FieldServiceOutput> {
  const { config } = invocation;
  let text: string;
  try {
    if (config.input !== undefined) text = await readFile(config.input, 'utf8');
    else {
      if (io.stdin.isTTY) io.stderr.write(`tournee: reading the ${invocation.kind} input from stdin (end with Ctrl-D; see --help)\n`);
      text = await readStream(io.stdin);
    }
  } catch (error) {
    return inputError(`cannot read ${config.input ?? 'stdin'}: ${errorMessage(error)}`);
  }
  const parsed = parseInputJson(text);
  if (!parsed.ok) return parsed.output;

  // Loaded only now, as for solve: --help answers at once, and a broken engine is a code-1 output.
  let fs: FieldServiceModule;
  let osrm: OsrmModule | undefined;
  try {
    fs = await import('../src/field-service/index.ts');
    if (config.osrm !== undefined) osrm = await import('../io/osrm-table.ts');
  } catch (error) {
    return { code: 1, error: `internal: cannot load the engine: ${errorMessage(error)}` };
  }

  /** Travel from OSRM over every place the command may use, or undefined for the problem's own model. */
  const travelMatrix = async (problem: unknown, state?: unknown, visit?: unknown): Promise<TravelMatrix | undefined> => {
    if (!osrm || config.osrm === undefined) return undefined;
    const p = fs.parseFieldServiceProblem(problem);
    const s = state === undefined ? undefined : fs.parseRealtimeState(state, p);
    const extra = visit === undefined ? [] : [fs.parseVisit(visit, p)];
    return osrm.osrmTravelProvider({ baseUrl: config.osrm, profile: config.osrmProfile }).matrix(fs.fieldServiceLocations(p, s, extra));
  };
  const clock = (): number => performance.now();

  try {
    const value = parsed.value;
    if (invocation.kind === 'plan') {
      const c = invocation.config;
      const search = { seed: c.seed, timeLimitMs: c.timeLimitMs, clock, ...(c.maxIterations !== undefined ? { maxIterations: c.maxIterations } : {}) };
      // A bare problem plans from scratch; {problem, state, plan?} re-plans the day under way.
      if (isObject(value) && value.problem !== undefined) {
        const published = value.plan === undefined ? undefined : planOf(value.plan);
        const matrix = await travelMatrix(value.problem, value.state);
        const options = { ...search, ...(matrix ? { travelMatrix: matrix } : {}) };
        if (value.state === undefined) return { code: 0, ...fs.planFieldService(value.problem, options) };
        return { code: 0, ...fs.replanFromNow(value.problem, published, value.state, options) };
      }
      const matrix = await travelMatrix(value);
      return { code: 0, ...fs.planFieldService(value, { ...search, ...(matrix ? { travelMatrix: matrix } : {}) }) };
    }

    if (!isObject(value)) throw new CliInputError(`must be an object with ${invocation.kind === 'insert' ? 'problem, plan, state and visit' : 'problem, plan and visit'}`);
    const problem = required(value, 'problem', 'the field-service problem');
    const plan = planOf(required(value, 'plan', 'the current plan, as `tournee plan` writes it'));
    const visit = required(value, 'visit', invocation.kind === 'insert' ? 'the urgent visit' : 'the visit to book');

    if (invocation.kind === 'insert') {
      const c = invocation.config;
      const state = required(value, 'state', 'the time now and the technicians\' positions');
      const fileLimit = value.limit;
      if (fileLimit !== undefined && !(Number.isSafeInteger(fileLimit) && (fileLimit as number) > 0)) throw new CliInputError('limit: must be a positive integer');
      const matrix = await travelMatrix(problem, state, visit);
      const parsedVisit = matrix ? [fs.parseVisit(visit, fs.parseFieldServiceProblem(problem))] : [];
      const ic = fs.prepareInsertion(problem, plan, state, {
        days: c.days,
        ...(matrix ? { travelMatrix: matrix, extraVisits: parsedVisit } : {}),
      });
      const candidates = fs.rankInsertions(ic, visit, c.limit ?? (fileLimit as number | undefined));
      if (c.apply === undefined) return { code: 0, candidates };
      const candidate = candidates[c.apply - 1];
      if (!candidate) throw new CliInputError(`--apply ${c.apply}: there ${candidates.length === 1 ? 'is 1 candidate' : `are ${candidates.length} candidates`}`);
      const applied = fs.applyInsertion(ic, visit, candidate, {
        seed: c.seed,
        timeLimitMs: c.timeLimitMs,
        clock,
        ...(c.maxIterations !== undefined ? { maxIterations: c.maxIterations } : {}),
        ...(matrix ? { travelMatrix: matrix } : {}),
      });
      return { code: 0, candidates, applied: { candidate, problem: applied.problem, plan: applied.plan } };
    }

    const c = invocation.config;
    const request: SlotRequest = {
      ...(value as Partial<SlotRequest>),
      visit: visit as Visit,
      ...(c.count !== undefined ? { count: c.count } : {}),
    };
    const matrix = await travelMatrix(problem, value.state, visit);
    return { code: 0, slots: fs.proposeSlots(problem, plan, request, matrix ? { travelMatrix: matrix } : {}) };
  } catch (error) {
    return errorOutput(error);
  }
}

/** The engine's errors carry VROOM's code (2 input, 3 routing); anything else is internal. */
function errorOutput(error: unknown): ErrorOutput {
  if (error instanceof CliInputError) return inputError(error.message);
  const code = (error as { code?: unknown }).code;
  if (error instanceof Error && (code === 2 || code === 3)) return { code, error: code === 3 && error.name === 'OsrmRoutingError' ? `routing: ${error.message}` : error.message };
  return { code: 1, error: `internal error: ${errorMessage(error)}` };
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function writeStream(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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

/** Runs `main` on this process: its arguments, its streams, its exit status. */
export async function runProcess(): Promise<void> {
  // Closing the reader of a pipe (`tournee solve | head`) is not an error worth a trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.stderr.write(`tournee: ${error.message}\n`);
  });
  // exitCode rather than exit(): pending output to a pipe or file still gets flushed.
  process.exitCode = await main(process.argv.slice(2));
}

// Run when started directly (`npx tsx engine/cli/tournee.ts …`); bin.mjs and the tests import it instead.
if (isEntryPoint()) await runProcess();
