// The in-process queue keeps BullMQ's promises: ids de-duplicate, progress
// is visible, failures retry with exponential backoff, UnrecoverableError
// fails at once.
import { UnrecoverableError } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryQueue } from '../../src/jobs/memory-queue.ts';

describe('MemoryQueue', () => {
  let queue: MemoryQueue;
  afterEach(() => queue?.close());

  it('runs a job once per id, with progress and its return value', async () => {
    queue = new MemoryQueue('t');
    let runs = 0;
    queue.process(async (job, progress) => {
      runs++;
      await progress(0.5);
      return { doubled: (job.data as { n: number }).n * 2 };
    });
    const first = queue.add('x', { n: 21 }, { jobId: 'a' });
    const again = queue.add('x', { n: 99 }, { jobId: 'a' });
    expect(again).toBe(first);
    await expect(queue.finished$('a')).resolves.toEqual({ doubled: 42 });
    queue.add('x', { n: 1 }, { jobId: 'a' }); // finished jobs still hold their id
    await new Promise((r) => setTimeout(r, 20));
    expect(runs).toBe(1);
    expect(queue.getJob('a')).toMatchObject({ state: 'completed', progress: 0.5, attemptsMade: 1 });
  });

  it('retries with exponential backoff, then succeeds', async () => {
    queue = new MemoryQueue('t');
    const at: number[] = [];
    queue.process(async () => {
      at.push(Date.now());
      if (at.length < 3) throw new Error('transient');
      return 'ok';
    });
    queue.add('x', {}, { jobId: 'b', attempts: 3, backoffMs: 40 });
    await expect(queue.finished$('b')).resolves.toBe('ok');
    expect(at).toHaveLength(3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(38);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(78); // doubled
  });

  it('fails for good after the last attempt, and at once on UnrecoverableError', async () => {
    queue = new MemoryQueue('t');
    queue.process(async (job) => {
      throw job.id === 'u' ? new UnrecoverableError('bad payload') : new Error('still broken');
    });
    queue.add('x', {}, { jobId: 'u', attempts: 5, backoffMs: 10 });
    queue.add('x', {}, { jobId: 'r', attempts: 2, backoffMs: 10 });
    await expect(queue.finished$('u')).rejects.toThrow('bad payload');
    await expect(queue.finished$('r')).rejects.toThrow('still broken');
    expect(queue.getJob('u')).toMatchObject({ state: 'failed', attemptsMade: 1 });
    expect(queue.getJob('r')).toMatchObject({ state: 'failed', attemptsMade: 2 });
  });
});
