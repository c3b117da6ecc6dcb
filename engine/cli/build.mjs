#!/usr/bin/env node
// Bundles the CLI (tournee.ts, the engine and its dependencies) into one ES module, engine/dist/tournee.mjs,
// so that `tournee` starts in plain Node instead of through tsx (~1.3 s of start-up, which counted against
// `-l`). Run by `npm run build:cli` and after `npm install`/`npm ci` (the root's postinstall); bin.mjs runs
// the bundle only while no source is newer. `node engine/cli/build.mjs OUTFILE` builds elsewhere (the tests).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const DEFAULT_OUTFILE = fileURLToPath(new URL('../dist/tournee.mjs', import.meta.url));

/** Builds the bundle into `outfile`. */
export async function buildCli(outfile = DEFAULT_OUTFILE) {
  await build({
    entryPoints: [fileURLToPath(new URL('./tournee.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The ES module build where a package has one: jsonc-parser's default (UMD) requires its own files at run time.
    mainFields: ['module', 'main'],
    // commander is CommonJS and requires Node's built-ins: an ES module bundle needs a real `require` for them.
    banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outfile = process.argv[2] ?? DEFAULT_OUTFILE;
  await buildCli(outfile);
}
