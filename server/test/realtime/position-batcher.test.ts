// The batcher alone: frames per room, sector routing without duplicates,
// the size bound, and nothing lost or reordered.
import { describe, expect, it } from 'vitest';
import { createPositionBatcher, type FrameEmission, type PositionInput } from '../../src/realtime/position-batcher.ts';

const at = (technicianId: string, agencyId: string, recordedAt: number, sectorIds?: string[]): PositionInput => ({
  technicianId, agencyId, lat: 43.5, lon: 5.4, recordedAt, ...(sectorIds ? { sectorIds } : {}),
});

describe('createPositionBatcher', () => {
  it('gathers positions into one frame per agency room per interval, in arrival order', async () => {
    const emitted: FrameEmission[] = [];
    const batcher = createPositionBatcher({ intervalMs: 30, emit: (e) => emitted.push(e) });
    batcher.add([at('t1', 'A', 1)]);
    batcher.add([at('t2', 'B', 2), at('t1', 'A', 3)]);
    expect(emitted).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(emitted.map((e) => [e.rooms, e.except, e.frame.positions.map((p) => p.recordedAt)])).toEqual([
      [['agency:A'], [], [1, 3]],
      [['agency:B'], [], [2]],
    ]);
    batcher.close();
  });

  it('sends the first frame after a quiet spell at once, then at most one per interval', async () => {
    const sentAt: number[] = [];
    const batcher = createPositionBatcher({ intervalMs: 50, emit: (e) => sentAt.push(e.frame.sentAt) });
    const start = Date.now();
    batcher.add([at('t1', 'A', 1)]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(sentAt).toHaveLength(1);
    expect(sentAt[0]! - start).toBeLessThan(40);
    for (let i = 0; i < 20; i++) {
      batcher.add([at('t1', 'A', i)]);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 60));
    const gaps = sentAt.slice(1).map((t, i) => t - sentAt[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(49);
    expect(sentAt.length).toBeLessThanOrEqual(1 + Math.ceil((Date.now() - start) / 50));
    batcher.close();
  });

  it("also sends to the technician's sectors, except to sockets already in its agency room", () => {
    const emitted: FrameEmission[] = [];
    const batcher = createPositionBatcher({ intervalMs: 1_000, emit: (e) => emitted.push(e) });
    batcher.add([at('t1', 'A', 1, ['sA', 'sB']), at('t2', 'A', 2, ['sB'])]);
    batcher.flush();
    expect(emitted.map((e) => [e.rooms, e.except, e.frame.positions.map((p) => p.technicianId)])).toEqual([
      [['agency:A'], [], ['t1', 't2']],
      [['sector:sA'], ['agency:A'], ['t1']],
      [['sector:sB'], ['agency:A'], ['t1', 't2']],
    ]);
    batcher.close();
  });

  it('sends at once when the pending positions reach the bound, and normalises times to epoch ms', () => {
    const emitted: FrameEmission[] = [];
    const batcher = createPositionBatcher({ intervalMs: 10_000, maxPending: 3, emit: (e) => emitted.push(e) });
    batcher.add([at('t1', 'A', 1), at('t1', 'A', 2)]);
    expect(emitted).toHaveLength(0);
    batcher.add([{ ...at('t1', 'A', 0), recordedAt: '2026-12-01T08:00:00.000Z', heading: 90 }]);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]!.frame.positions[2]).toEqual({
      technicianId: 't1', agencyId: 'A', lat: 43.5, lon: 5.4, heading: 90, speed: null, accuracy: null,
      recordedAt: Date.parse('2026-12-01T08:00:00.000Z'),
    });
    batcher.close();
  });

  it('flushes what is pending on close and ignores positions after it', () => {
    const emitted: FrameEmission[] = [];
    const batcher = createPositionBatcher({ intervalMs: 10_000, emit: (e) => emitted.push(e) });
    batcher.add([at('t1', 'A', 1)]);
    batcher.close();
    batcher.add([at('t1', 'A', 2)]);
    batcher.flush();
    expect(emitted.flatMap((e) => e.frame.positions.map((p) => p.recordedAt))).toEqual([1]);
  });
});
