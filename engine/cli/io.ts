import { readFile, writeFile } from 'node:fs/promises';
import { errorMessage, exitCodeOf, formatOutput, inputError, type CodedOutput } from './answer.ts';
import type { AnswerSettings } from './command.ts';
import type { ErrorOutput } from '../src/types.ts';

/** The process's streams, or a test's stand-ins. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };
}

/** '-' is the usual spelling of the standard streams. */
export function fileOption(path: string | undefined): string | undefined {
  return path === undefined || path === '-' ? undefined : path;
}

/**
 * The text of the input file, or of stdin when `path` is undefined; a read failure is VROOM's input error.
 * `what` names the expected document in the hint shown when stdin is a terminal.
 */
export async function readInputText(
  path: string | undefined,
  io: CliIo,
  what: string,
): Promise<{ ok: true; text: string } | { ok: false; output: ErrorOutput }> {
  try {
    if (path !== undefined) return { ok: true, text: await readFile(path, 'utf8') };
    if (io.stdin.isTTY) io.stderr.write(`tournee: reading ${what} from stdin (end with Ctrl-D; see --help)\n`);
    return { ok: true, text: await readStream(io.stdin) };
  } catch (error) {
    return { ok: false, output: inputError(`cannot read ${path ?? 'stdin'}: ${errorMessage(error)}`) };
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes an answer where the settings say; resolves to the exit status. */
export async function writeAnswer(output: CodedOutput, settings: AnswerSettings, io: CliIo): Promise<number> {
  const text = formatOutput(output, settings.pretty);
  try {
    if (settings.output === undefined) await writeStream(io.stdout, text);
    else await writeFile(settings.output, text, 'utf8');
  } catch (error) {
    // A reader that closed the pipe early (`| head`) asked for no more; anything else deserves a word.
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') io.stderr.write(`tournee: cannot write the output: ${errorMessage(error)}\n`);
    return 1;
  }
  return exitCodeOf(output);
}

function writeStream(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
