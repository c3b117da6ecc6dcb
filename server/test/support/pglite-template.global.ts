// Vitest global setup of the node project: makes this run's migrated PGlite
// template (see pglite-template.ts) in the background, so that the files needing
// it find it ready or nearly so, and removes it when the run ends.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.ts';
import { TEMPLATE_DATA, TEMPLATE_FAILED, TEMPLATE_READY } from './pglite-template.ts';

export default function setup(project: TestProject): () => Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'tournee-pglite-template-'));
  project.provide('pgliteTemplateRoot', root);
  // Not awaited: the first files (engine tests, PostgreSQL ones) run meanwhile.
  const made = (async () => {
    try {
      const db = await openDatabase({ dataDir: join(root, TEMPLATE_DATA) });
      await db.close();
      writeFileSync(join(root, TEMPLATE_READY), '');
    } catch (error) {
      writeFileSync(join(root, TEMPLATE_FAILED), String((error as Error).stack ?? error));
    }
  })();
  return async () => {
    await made;
    rmSync(root, { recursive: true, force: true });
  };
}
