import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The engine is pure (engine/README.md): no clock, no randomness of its own,
 * no I/O, no environment. This test reads every source file under engine/src
 * and refuses the tokens through which impurity gets in. The CLI (engine/cli)
 * is the engine's edge and is exempt.
 */
const srcRoot = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** Removes comments so that documentation may name what the code must not use. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const FORBIDDEN: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'Math.random', pattern: /\bMath\s*\.\s*random\b/ },
  { what: 'Date', pattern: /\bDate\b/ },
  { what: 'performance', pattern: /\bperformance\b/ },
  { what: 'process', pattern: /\bprocess\b/ },
  { what: 'require(', pattern: /\brequire\s*\(/ },
  { what: 'a node: import', pattern: /\bfrom\s+['"]node:|import\s*\(\s*['"]node:|import\s+['"]node:/ },
  {
    what: 'an I/O module import',
    pattern: /(?:from\s+|import\s*\(\s*|import\s+)['"](?:fs|fs\/promises|path|os|child_process|net|http|https|worker_threads)['"]/,
  },
  { what: 'setTimeout/setInterval', pattern: /\bset(?:Timeout|Interval|Immediate)\b/ },
];

describe('engine purity', () => {
  const files = sourceFiles(srcRoot);

  it('finds the engine sources', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.map((f) => relative(srcRoot, f))).toContain('solve.ts');
  });

  it('uses no clock, randomness, process, require or I/O module anywhere under engine/src', () => {
    const violations: string[] = [];
    for (const file of files) {
      const code = stripComments(readFileSync(file, 'utf8'));
      code.split('\n').forEach((line, k) => {
        for (const { what, pattern } of FORBIDDEN) {
          if (pattern.test(line)) violations.push(`${relative(srcRoot, file)}:${k + 1} uses ${what}: ${line.trim()}`);
        }
      });
    }
    expect(violations).toEqual([]);
  });

  it('catches the forbidden tokens it claims to catch', () => {
    const hits = (code: string) => FORBIDDEN.filter(({ pattern }) => pattern.test(stripComments(code))).map((f) => f.what);
    expect(hits('const x = Math.random();')).toEqual(['Math.random']);
    expect(hits('const t = Date.now();')).toEqual(['Date']);
    expect(hits("import { readFileSync } from 'node:fs';")).toEqual(['a node: import']);
    expect(hits("import * as path from 'path';")).toEqual(['an I/O module import']);
    expect(hits("const fs = require('fs');")).toEqual(['require(']);
    expect(hits('if (process.env.X) {}')).toEqual(['process']);
    expect(hits('// Math.random is never used: a seeded Rng is')).toEqual([]);
  });
});
