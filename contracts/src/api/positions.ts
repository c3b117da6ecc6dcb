// Technician positions, posted in batches by devices (or a telematics gateway).
import { z } from 'zod';
import { Id, Instant, Latitude, Longitude } from './common.ts';

export const MAX_POSITIONS_PER_BATCH = 1000;

export const PositionInput = z.object({
  /** Defaults to the caller's own technician (technician accounts). */
  technicianId: Id.optional(),
  lat: Latitude,
  lon: Longitude,
  /** Degrees clockwise from north. */
  heading: z.number().min(0).max(360).optional(),
  /** Metres per second. */
  speed: z.number().min(0).max(100).optional(),
  /** Metres. */
  accuracy: z.number().min(0).max(100_000).optional(),
  recordedAt: Instant,
});
export const PositionBatch = z.object({ positions: z.array(PositionInput).min(1).max(MAX_POSITIONS_PER_BATCH) });

/**
 * The time window a position is taken in (issue 11, finding 5). Positions are
 * live tracking: the boards animate them and planning reads the latest, so a
 * sample older than a week (a device's outbox after a long time offline, or a
 * clock gone wrong) or from more than 5 minutes ahead (clock skew beyond what
 * NTP-less phones drift) would move a technician to a place they are not.
 * Such positions are refused one by one; the rest of the batch is kept.
 */
export const POSITION_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
export const POSITION_MAX_AHEAD_MS = 5 * 60 * 1000;

export const RefusedPosition = z.object({
  /** Index in the batch posted. */
  index: z.number().int(),
  /** e.g. `positions[3].recordedAt`. */
  path: z.string(),
  reason: z.string(),
});
export const PositionBatchResponse = z.object({
  /** Positions broadcast and stored. */
  accepted: z.number().int(),
  /** Positions left out, with why; empty when every position was taken. */
  refused: z.array(RefusedPosition),
});

export type PositionInput = z.infer<typeof PositionInput>;
export type PositionBatch = z.infer<typeof PositionBatch>;
export type RefusedPosition = z.infer<typeof RefusedPosition>;
