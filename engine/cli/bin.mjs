#!/usr/bin/env node
// Launcher of the `tournee` bin: registers tsx's ESM loader, then runs the TypeScript CLI
// as is, with no build step. tsx is a devDependency of the workspace root, not a dependency
// of @tournee/engine: that is deliberate while the package is private and only run from this
// workspace (`npx tournee`, `npm exec tournee`), where the root's node_modules provide it.
// Publishing the engine would mean either moving tsx to its dependencies or shipping compiled JS.
// `register` needs Node's module.register (Node ≥ 20.6).
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
