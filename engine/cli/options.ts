import { InvalidArgumentError, type Command } from 'commander';

/** Option parsers and option groups shared by the commands, with their defaults. */

export const DEFAULT_LIMIT_SECONDS = 5;
export const DEFAULT_SEED = 1;
export const DEFAULT_OSRM_PROFILE = 'driving';

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

export function parsePositiveInteger(value: string): number {
  const n = strictNumber(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer.');
  return n;
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

/** Number('') and Number(' ') are 0, and Number('0x10') is 16: accept only plain decimal notation. */
function strictNumber(value: string): number {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
}

/** `-i`, `-o`, `--pretty`: one JSON document in, one out. */
export interface IoOptions {
  input?: string;
  output?: string;
  pretty?: boolean;
}

export function withIo(command: Command, inputHelp: string): Command {
  return command
    .option('-i, --input <file>', `read ${inputHelp} from this file (default: stdin)`)
    .option('-o, --output <file>', 'write the answer to this file (default: stdout)')
    .option('--pretty', 'indent the JSON output');
}

/** `-l`, `--seed`, `--iterations`: how long and how the search runs. */
export interface SearchOptions {
  limit: number;
  seed: number;
  iterations?: number;
}

export function withSearch(command: Command, limitHelp: string, defaultLimitSeconds = DEFAULT_LIMIT_SECONDS): Command {
  return command
    .option('-l, --limit <seconds>', limitHelp, parseLimit, defaultLimitSeconds)
    .option('--seed <n>', 'seed of the random number generator (integer)', parseSeed, DEFAULT_SEED)
    .option('--iterations <n>', 'stop after this many iterations (positive integer)', parsePositiveInteger);
}

/** `--osrm`, `--osrm-profile`: road travel times for the field-service commands. */
export interface OsrmOptions {
  osrm?: string;
  osrmProfile: string;
}

export function withOsrm(command: Command): Command {
  return command
    .option('--osrm <url>', "travel times from this OSRM server's table service (default: crow flies × road factor at the problem's speed)", parseUrl)
    .option('--osrm-profile <name>', 'profile segment of the OSRM URL', DEFAULT_OSRM_PROFILE);
}
