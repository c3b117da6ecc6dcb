#!/usr/bin/env node
// Launcher of the `tournee` bin. Runs the compiled CLI (engine/dist/tournee.mjs, built by
// `npm run build:cli` and after `npm install`) when it is up to date with engine/src, engine/cli,
// engine/io and engine/package.json: plain Node starts in a fraction of the time tsx needs, and that
// time counts against `-l`. Otherwise, e.g. while a developer edits the sources, it runs the
// TypeScript as is through tsx's ESM loader, saying nothing about it (stdout is the answer's).
// tsx is a devDependency of the workspace root: fine while the package is private and run from this
// workspace (`npx tournee`, `npm exec tournee`). `register` needs Node's module.register (Node ≥ 20.6).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isBundleFresh } from './bundle-freshness.mjs';

const engine = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const bundle = engine('dist/tournee.mjs');

if (isBundleFresh(bundle, [engine('src'), engine('cli'), engine('io'), engine('package.json')])) {
  const { runProcess } = await import(pathToFileURL(bundle).href);
  await runProcess();
} else {
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    process.stderr.write('tournee: cannot load tsx, which runs the TypeScript sources; run `npm install` at the repository root.\n');
    process.exit(1);
  }
  tsx.register();
  const { runProcess } = await import('./tournee.ts');
  await runProcess();
}
