// Generates the Prisma client into server/src/generated/prisma (not committed:
// 2 MB of generated TypeScript that must follow prisma/schema/ exactly).
// Run by the root `postinstall`, so `npm ci` / `npm install` leave a usable
// client, and by `npm run db:generate` after editing the schema.
//
// Plain JavaScript on purpose: it must run before tsx or any dev tool exists.
// @ts-check
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const config = fileURLToPath(new URL('../../prisma/prisma.config.ts', import.meta.url));
const require = createRequire(new URL('../package.json', import.meta.url));

let cli;
try {
  cli = require.resolve('prisma/build/index.js');
} catch {
  // An install without dev dependencies (e.g. `npm ci --omit=dev` in an image
  // whose client was generated in an earlier build stage).
  console.warn('[db:generate] prisma CLI not installed; skipping client generation');
  process.exit(0);
}

// `prisma generate` needs no schema engine, but the CLI tries to download one
// unless told where it is; /bin/false is never executed by generate (and makes
// any command that would need it fail loudly rather than pass silently).
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= '/bin/false';
env.PRISMA_HIDE_UPDATE_MESSAGE ??= '1';

const result = spawnSync(process.execPath, [cli, 'generate', '--config', config], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
