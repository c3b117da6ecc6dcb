// The outbox's SQL on the embedded database the product runs on by default.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentPush } from '@tournee/contracts/realtime';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createOutbox } from '../../src/realtime/outbox.ts';
import { freshPgliteDataDir } from '../support/pglite-template.ts';

const push = (interventionId: string): AssignmentPush => ({
  kind: 'updated',
  interventionId,
  interventionVersion: 2,
  tourId: 'tour-1',
  date: '2026-12-01',
  plannedStart: null,
  plannedEnd: null,
  priority: 10,
  summary: interventionId,
});

describe('outbox on PGlite', () => {
  let dataDir: string | undefined;
  let db: Database;
  beforeAll(async () => {
    dataDir = await freshPgliteDataDir('tournee-outbox-');
    db = await openDatabase({ dataDir });
  }, 60_000); // creating a PGlite folder takes several seconds on a busy machine
  afterAll(async () => {
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('pushes with sequences, replays after a sequence, acknowledges within bounds', async () => {
    const agency = await db.prisma.agency.create({ data: { code: 'PGL', name: 'PGlite' } });
    const { id } = await db.prisma.technician.create({ data: { agencyId: agency.id, firstName: 'P', lastName: 'G' } });
    const outbox = createOutbox(db.prisma);
    const sequences = await Promise.all(['a', 'b', 'c'].map((x) => outbox.push(id, push(x)).then((m) => m.sequence)));
    expect(sequences.sort()).toEqual([1, 2, 3]);
    expect(await outbox.acked(id)).toBe(0);
    expect(await outbox.ack(id, 2)).toBe(2);
    expect(await outbox.ack(id, 1)).toBe(2); // never backwards
    const { messages, lastSequence } = await outbox.after(id, await outbox.acked(id));
    expect([messages.map((m) => m.sequence), lastSequence]).toEqual([[3], 3]);
    expect(messages[0]!.assignment).toEqual(push(messages[0]!.assignment.interventionId));
    expect(await outbox.ack(id, 50)).toBe(3);
  });
});
