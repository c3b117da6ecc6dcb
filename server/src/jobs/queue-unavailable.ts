// The job queue (Redis, through BullMQ) cannot take or answer a request right
// now: Redis is down, or did not answer in time. The HTTP layer turns it into
// 503 with Retry-After; nothing was queued (a planning run's row is removed
// again), so the same request can simply be sent again.
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
  /** When a retry makes sense, in seconds. */
  readonly retryAfterSeconds = 10;
}

/** `promise`, or QueueUnavailableError once `ms` have passed without an answer. */
export async function withQueueTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError(`the job queue (Redis) did not answer within ${ms} ms (${what}): try again shortly`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
