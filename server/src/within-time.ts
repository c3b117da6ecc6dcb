/**
 * Whether `promise` settles successfully within `ms` milliseconds (false when it rejects or is still pending
 * then). It is not cancelled: the caller goes on without it, as the Redis connections do at start-up (they keep
 * reconnecting on their own and the process comes up degraded meanwhile).
 */
export async function withinTime(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => false,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
