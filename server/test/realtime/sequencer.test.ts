// Plan sequences while Redis is away (issue 11): drawn from this process's
// own counter, under its own epoch, so a board sees the epoch change (into
// the outage and out of it) and resyncs instead of waiting for a sequence.
import { describe, expect, it } from 'vitest';
import { fallbackSequencer, memorySequencer, type PlanSequencer } from '../../src/realtime/sequencer.ts';

describe('fallbackSequencer', () => {
  it('uses the shared counter while it answers and the local one, under another epoch, while it does not', async () => {
    const shared = memorySequencer();
    let down = false;
    const flaky: PlanSequencer = {
      next: (a) => (down ? Promise.reject(new Error('The client is offline')) : shared.next(a)),
      current: (a) => (down ? Promise.reject(new Error('The client is offline')) : shared.current(a)),
    };
    const failures: unknown[] = [];
    const sequencer = fallbackSequencer(flaky, memorySequencer(), (e) => failures.push(e));
    const first = await sequencer.next('agency');
    down = true;
    const during = await sequencer.next('agency');
    expect(during.epoch).not.toBe(first.epoch);
    expect((await sequencer.current('agency')).epoch).toBe(during.epoch);
    down = false;
    const after = await sequencer.next('agency');
    expect(after).toEqual({ epoch: first.epoch, sequence: 2 });
    expect(failures).toHaveLength(2);
  });
});
