// The batcher alone: frames per room, sector routing without duplicates,
// the size bound, and nothing lost or reordered.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPositionBatcher, type FrameEmission, type PositionInput } from '../../src/realtime/position-batcher.ts';

const at = (technicianId: string, agencyId: string, recordedAt: number, sectorIds?: string[]): PositionInput => ({
  technicianId,
  agencyId,
  lat: 43.5,
  lon: 5.4,
  recordedAt,
  ...(sectorIds ? { sectorIds } : {}),
});

describe('createPositionBatcher', () => {
  // The clock is vitest's: the interval logic is checked to the millisecond, whatever the machine's load.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gathers positions into one frame per agency room per interval, in arrival order', () => {
    const emitted: FrameEmission[] = [];
    const batcher = createPositionBatcher({ intervalMs: 30, emit: (e) => emitted.push(e) });
    batcher.add([at('t1', 'A', 1)]);
    batcher.add([at('t2', 'B', 2), at('t1', 'A', 3)]);
    expect(emitted).toEqual([]);
    vi.advanceTimersByTime(30);
    expect(emitted.map((e) => [e.rooms, e.except, e.frame.positions.map((p) => p.recordedAt)])).toEqual([
      [['agency:A'], [], [1, 3]],
      [['agency:B'], [], [2]],
    ]);
    batcher.close();
  });

  it('sends the first frame after a quiet spell at once, then at most one per interval', () => {
    const frames: Array<{ sentAt: number; recordedAt: number[] }> = [];
    const batcher = createPositionBatcher({
      intervalMs: 50,
      emit: (e) => frames.push({ sentAt: e.frame.sentAt, recordedAt: e.frame.positions.map((p) => p.recordedAt) }),
    });
    const start = Date.now();
    batcher.add([at('t1', 'A', -1)]);
    // On the next turn of the event loop, not at once: what arrives in the same turn joins the frame.
    expect(frames).toHaveLength(0);
    vi.advanceTimersByTime(0);
    expect(frames).toEqual([{ sentAt: start, recordedAt: [-1] }]);

    // One position every 10 ms for 200 ms: one frame per 50 ms, nothing lost or reordered.
    for (let i = 0; i < 20; i++) {
      batcher.add([at('t1', 'A', i)]);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(60);
    expect(frames).toEqual([
      { sentAt: start, recordedAt: [-1] },
      { sentAt: start + 50, recordedAt: [0, 1, 2, 3, 4] },
      { sentAt: start + 100, recordedAt: [5, 6, 7, 8, 9] },
      { sentAt: start + 150, recordedAt: [10, 11, 12, 13, 14] },
      { sentAt: start + 200, recordedAt: [15, 16, 17, 18, 19] },
    ]);
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
      technicianId: 't1',
      agencyId: 'A',
      lat: 43.5,
      lon: 5.4,
      heading: 90,
      speed: null,
      accuracy: null,
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
