import { z } from 'zod';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  /** The database in use and whether it answered. */
  db: z.object({ kind: z.enum(['pglite', 'postgresql']), ok: z.boolean() }),
  /** Where jobs run: a Redis queue (BullMQ) or in this process. */
  queue: z.object({ kind: z.enum(['redis', 'in-process']), ok: z.boolean() }),
  /** When degraded: what is wrong, one sentence each (e.g. Redis unreachable, and since when it was last seen failing). */
  reasons: z.array(z.string()).optional(),
});
export type Health = z.infer<typeof Health>;
