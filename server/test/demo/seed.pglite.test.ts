// The demo seed on embedded PGlite, as `npm start` runs it on a bare machine.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { expectSeededDemo } from './support/expectations.ts';
import { freshPgliteDataDir } from '../support/pglite-template.ts';

const NOW = new Date('2026-11-30T08:00:00Z');

describe('seedDemo on PGlite', () => {
  let dataDir: string | undefined;
  let db: Database;
  beforeAll(async () => {
    dataDir = await freshPgliteDataDir('tournee-demo-');
    db = await openDatabase({ dataDir });
  });
  afterAll(async () => {
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo company once, then does nothing', async () => {
    const logs: string[] = [];
    const first = await seedDemo(db.prisma, { seed: 1, now: NOW, log: (m) => logs.push(m) });
    expect(first.seeded).toBe(true);
    expect(first.today).toBe('2026-11-30');
    expect(first.counts?.sites).toBe(400);
    expect(first.generated?.created).toBeGreaterThan(0);
    expect(logs[0]).toMatch(/demo company seeded for 2026-11-30/);
    console.log(`[demo] PGlite seed: ${first.elapsedMs} ms — ${logs[0]}`);
    await expectSeededDemo(db.prisma, '2026-11-30');

    const interventions = await db.prisma.intervention.count();
    const second = await seedDemo(db.prisma, { seed: 2, now: NOW });
    expect(second.seeded).toBe(false);
    expect(await db.prisma.intervention.count()).toBe(interventions);
    expect(await db.prisma.agency.count()).toBe(3);
  });
});
