import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import { inputError } from './answer.ts';
import { readInputText, type CliIo } from './io.ts';
import type { ErrorOutput } from '../src/types.ts';

/**
 * The input document: JSON.parse (native, fast on megabytes of matrices), and on a syntax error
 * VROOM's input error naming the line and column. V8's own messages give no position for the
 * commonest mistakes on Node 20 (`Unexpected token '}', ... is not valid JSON`), and libraries that
 * reword them (parse-json, json-parse-even-better-errors) inherit that gap; jsonc-parser's strict
 * scanner finds every error's place, so the failing text is scanned again with it.
 */
export function parseInputJson(text: string): { ok: true; value: unknown } | { ok: false; output: ErrorOutput } {
  // Editors on Windows like to start files with a byte-order mark, which JSON.parse refuses.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const found = locateJsonError(body);
    if (!found) return { ok: false, output: inputError(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`) };
    return { ok: false, output: inputError(`invalid JSON at line ${found.line}, column ${found.column}: ${found.problem}`) };
  }
}

export interface JsonErrorPlace {
  /** 1-based, as editors count. */
  readonly line: number;
  readonly column: number;
  readonly problem: string;
}

/** The first syntax error of `text` as JSON (RFC 8259: no comments, no trailing commas), if any. */
export function locateJsonError(text: string): JsonErrorPlace | undefined {
  let first: JsonErrorPlace | undefined;
  try {
    scan(text, (place) => (first ??= place));
  } catch {
    // jsonc-parser recurses into arrays and objects: absurd nesting exhausts the stack before any error is
    // found. The caller then falls back to JSON.parse's own message.
  }
  return first;
}

function scan(text: string, report: (place: JsonErrorPlace) => void): void {
  visit(
    text,
    {
      onError(code, offset, length, startLine, startCharacter) {
        report({ line: startLine + 1, column: startCharacter + 1, problem: describeError(code, text, offset, length) });
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
}

const MAX_SHOWN_CHARS = 20;

function describeError(code: ParseErrorCode, text: string, offset: number, length: number): string {
  const found = (): string => {
    if (offset >= text.length) return 'the end of the input';
    const token = text.slice(offset, offset + Math.max(1, Math.min(length, MAX_SHOWN_CHARS)));
    return [...token].every((ch) => ch.charCodeAt(0) >= 0x20 && ch !== "'") ? `'${token}'` : JSON.stringify(token);
  };
  // The enum is declared `const` in jsonc-parser's types, which isolated modules cannot read: switch on its names.
  switch (printParseErrorCode(code)) {
    case 'ValueExpected':
      return `expected a value, found ${found()}`;
    case 'PropertyNameExpected':
      return `expected a property name in double quotes, found ${found()}`;
    case 'ColonExpected':
      return `expected ':' after the property name, found ${found()}`;
    case 'CommaExpected':
      return `expected ',' or the end of the array or object, found ${found()}`;
    case 'CloseBraceExpected':
      return `expected '}', found ${found()}`;
    case 'CloseBracketExpected':
      return `expected ']', found ${found()}`;
    case 'EndOfFileExpected':
      return `unexpected ${found()} after the JSON value`;
    case 'InvalidSymbol':
      return `unexpected ${found()} (strings take double quotes; true, false and null are lower case)`;
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return `malformed number ${found()}`;
    case 'UnexpectedEndOfString':
      return 'unterminated string';
    case 'InvalidUnicode':
      return 'bad \\u escape in a string';
    case 'InvalidEscapeCharacter':
      return 'bad escape in a string';
    case 'InvalidCharacter':
      return 'control character in a string (escape it, e.g. \\n)';
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return 'comments are not allowed in JSON';
    default:
      return `unexpected ${found()}`;
  }
}

/** The input document of a command: read (file or stdin) and parsed, or VROOM's input error. */
export async function readJsonDocument(
  path: string | undefined,
  io: CliIo,
  what: string,
): Promise<{ ok: true; value: unknown } | { ok: false; output: ErrorOutput }> {
  const read = await readInputText(path, io, what);
  return read.ok ? parseInputJson(read.text) : read;
}
