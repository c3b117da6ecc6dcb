import { describe, expect, it } from 'vitest';
import { PositionStore } from '../../src/realtime/positions.ts';

const sample = (lat: number, lon: number, recordedAt: number) => ({
  technicianId: 't',
  agencyId: 'a',
  lat,
  lon,
  heading: null,
  speed: 10,
  accuracy: null,
  recordedAt,
});

describe('PositionStore', () => {
  it('glides from the drawn position to the new one over the sampling interval', () => {
    let now = 0;
    const store = new PositionStore(() => now);
    store.applyFrame({ sentAt: 0, positions: [sample(43, 5, 1_000)] });
    expect(store.position(store.get('t')!)).toEqual([43, 5]);
    now = 100;
    store.applyFrame({ sentAt: 0, positions: [sample(44, 6, 2_000)] });
    const track = store.get('t')!;
    expect(track.duration).toBe(1_000);
    const [midLat] = store.position(track, 600);
    expect(midLat).toBeGreaterThan(43.5);
    expect(midLat).toBeLessThan(44);
    expect(store.position(track, 1_100)).toEqual([44, 6]);
    expect(store.animating(600)).toBe(true);
  });

  it('drops samples older than the one shown', () => {
    const store = new PositionStore(() => 0);
    store.applyFrame({ sentAt: 0, positions: [sample(43, 5, 2_000)] });
    store.applyFrame({ sentAt: 0, positions: [sample(40, 1, 1_000)] });
    expect(store.get('t')!.toLat).toBe(43);
  });

  it('reports event-to-screen latency once per new sample, when the layer says it is on screen', () => {
    let now = 10;
    const store = new PositionStore(() => now);
    const reports: { ms: number[]; kind: string }[] = [];
    store.onDrawn = (r) => reports.push({ ms: r.receivedToScreenMs, kind: r.kind });
    store.applyFrame({ sentAt: 0, positions: [sample(43, 5, 1_000)] });
    now = 25;
    const settled = store.settle(store.get('t')!);
    expect(store.settle(store.get('t')!)).toBeNull();
    store.report('pixels', settled!, 40);
    expect(reports).toEqual([
      { ms: [15], kind: 'frame' },
      { ms: [30], kind: 'pixels' },
    ]);
  });
});
