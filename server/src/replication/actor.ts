// The technician behind a token. The claims say who; the technician row says
// their agency (it may have changed since the token was signed) and name.
import type { Claims } from '../auth/tokens.ts';
import type { Actor, Db } from './types.ts';

export class NotATechnicianError extends Error {
  override readonly name = 'NotATechnicianError';
}

export async function actorOf(db: Db, auth: Claims): Promise<Actor> {
  if (auth.role !== 'technician' || !auth.technicianId) throw new NotATechnicianError('only a technician account replicates field actions');
  const technician = await db.technician.findUnique({
    where: { id: auth.technicianId },
    select: { id: true, agencyId: true, firstName: true, lastName: true, active: true },
  });
  if (!technician?.active) throw new NotATechnicianError('this technician is not active');
  return { userId: auth.sub, technicianId: technician.id, agencyId: technician.agencyId, name: `${technician.firstName} ${technician.lastName}` };
}
