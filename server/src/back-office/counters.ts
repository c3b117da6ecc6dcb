// Gapless numbering. One row per series in document_counters; the increment
// is a single UPDATE that row-locks it until the issuing transaction ends, so
// concurrent issuers queue, and a rolled-back issue gives its number back.
import type { Tx } from './db.ts';

export async function nextNumber(tx: Tx, series: string): Promise<number> {
  const rows = await tx.$queryRaw<{ last_number: number }[]>`
    INSERT INTO document_counters (series, last_number) VALUES (${series}, 1)
    ON CONFLICT (series) DO UPDATE SET last_number = document_counters.last_number + 1
    RETURNING last_number`;
  return Number(rows[0]!.last_number);
}
