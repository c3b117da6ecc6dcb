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
export const PositionBatchResponse = z.object({ accepted: z.number().int() });

export type PositionInput = z.infer<typeof PositionInput>;
export type PositionBatch = z.infer<typeof PositionBatch>;
