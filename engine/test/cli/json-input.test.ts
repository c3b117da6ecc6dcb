import { describe, expect, it } from 'vitest';
import { locateJsonError, parseInputJson } from '../../cli/json-input.ts';

describe('parseInputJson', () => {
  it('parses valid JSON, even behind a byte-order mark', () => {
    expect(parseInputJson('{"vehicles":[]}')).toEqual({ ok: true, value: { vehicles: [] } });
    expect(parseInputJson('\ufeff[1]')).toEqual({ ok: true, value: [1] });
  });

  it.each([
    ['{"a":}', "line 1, column 6: expected a value, found '}'"],
    ['', 'line 1, column 1: expected a value, found the end of the input'],
    ['{\n  "jobs": [1,]\n}', "line 2, column 14: expected a value, found ']'"],
    ['{"a":1} x', "line 1, column 9: unexpected 'x' (strings take double quotes; true, false and null are lower case)"],
    ["{'a':1}", 'line 1, column 2: unexpected "\'a\'" (strings take double quotes; true, false and null are lower case)'],
    ['{"a" 1}', "line 1, column 6: expected ':' after the property name, found '1'"],
    ['[1 2]', "line 1, column 4: expected ',' or the end of the array or object, found '2'"],
    ['{"a":True}', "line 1, column 6: unexpected 'True' (strings take double quotes; true, false and null are lower case)"],
    ['{"a":"x', 'line 1, column 6: unterminated string'],
    ['{"a":1,}', "line 1, column 8: expected a property name in double quotes, found '}'"],
    ['{"a": [1, 2', "line 1, column 12: expected ']', found the end of the input"],
    ['{"a":1}}', "line 1, column 8: unexpected '}' after the JSON value"],
    ['// note\n{}', 'line 1, column 1: comments are not allowed in JSON'],
    ['{"a":"\u0001"}', 'line 1, column 6: control character in a string (escape it, e.g. \\n)'],
    ['[1.]', "line 1, column 2: malformed number '1.'"],
  ])('maps %j to a code-2 output naming the line and column', (text, place) => {
    expect(parseInputJson(text)).toEqual({ ok: false, output: { code: 2, error: `input: invalid JSON at ${place}` } });
  });

  it('falls back to the message of JSON.parse when nesting is too deep to scan', () => {
    const result = parseInputJson('['.repeat(200_000));
    expect(result).toMatchObject({ ok: false, output: { code: 2, error: expect.stringMatching(/^input: invalid JSON: /) } });
  });

  it('finds an error wherever JSON.parse finds one, and none where it finds none', () => {
    const samples = [
      '{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]}',
      ' 0 ',
      '"\\x"',
      '[1e]',
      '-',
      '1.',
      '"a\tb"',
      '{"a":1,}',
      '[]',
      '{}',
      '[01]',
      'NaN',
      '[.5]',
      '"\\u12"',
    ];
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
