// A fresh embedded database for a test file, copied from a template.
//
// Creating a PGlite data folder and applying the migrations takes ~7 s on a quiet
// 2-core machine and 30–60 s under load; copying a folder already migrated and
// reopening it takes 1–3 s. The node project's global setup
// (pglite-template.global.ts) makes the template once per run, with the same
// openDatabase and migrations as production; each file then gets a copy: a
// database of its own, migrated and empty, as before. Tests of creating and
// migrating a database itself (db/client.test.ts, db/migrate.pglite.test.ts,
// main.test.ts) start from nothing instead.
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by pglite-template.global.ts: where this run's template is made. */
    pgliteTemplateRoot: string;
  }
}

/** Inside the template's root: the data folder, and the markers the global setup leaves when done. */
export const TEMPLATE_DATA = 'data';
export const TEMPLATE_READY = 'ready';
export const TEMPLATE_FAILED = 'failed';

/** How long a file waits for the template (creating it took up to ~60 s on a 2-core machine with load 12). */
const WAIT_MS = 180_000;

/** A new temp folder (named `prefix…`) holding a migrated, empty PGlite database: pass it as `dataDir`. */
export async function freshPgliteDataDir(prefix: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const root = inject('pgliteTemplateRoot');
  // Without the global setup (a file run under another config) the folder stays empty and openDatabase creates it.
  if (root) cpSync(await templateReady(root), dir, { recursive: true });
  return dir;
}

async function templateReady(root: string): Promise<string> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (existsSync(join(root, TEMPLATE_READY))) return join(root, TEMPLATE_DATA);
    if (existsSync(join(root, TEMPLATE_FAILED))) {
      throw new Error(`making the PGlite template failed:\n${readFileSync(join(root, TEMPLATE_FAILED), 'utf8')}`);
    }
    if (Date.now() > deadline) throw new Error(`the PGlite template in ${root} was not ready after ${WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
