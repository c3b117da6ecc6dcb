// A piece of equipment's warranty as the technician needs it on site: is it
// covered today, until when, and by what. The back office records warranties
// (manufacturer's, ours, extended); older equipment may only carry its own
// end date.
import type { z } from 'zod';
import type { WarrantyStatus } from '@tournee/contracts/replication';

export interface WarrantyPeriod {
  readonly kind: string;
  readonly startsOn: string;
  readonly endsOn: string;
}

export function warrantyStatus(today: string, equipmentEndsOn: string | null, warranties: readonly WarrantyPeriod[]): z.infer<typeof WarrantyStatus> {
  const running = warranties.filter((w) => w.startsOn <= today && today <= w.endsOn).sort((a, b) => b.endsOn.localeCompare(a.endsOn));
  if (running[0]) return { status: 'covered', endsOn: running[0].endsOn, kind: running[0].kind };
  if (equipmentEndsOn !== null && equipmentEndsOn >= today) return { status: 'covered', endsOn: equipmentEndsOn, kind: null };
  const ends = [...warranties.map((w) => w.endsOn), ...(equipmentEndsOn ? [equipmentEndsOn] : [])].filter((end) => end < today).sort();
  const last = ends.at(-1);
  return last
    ? { status: 'expired', endsOn: last, kind: warranties.find((w) => w.endsOn === last)?.kind ?? null }
    : { status: 'none', endsOn: null, kind: null };
}
