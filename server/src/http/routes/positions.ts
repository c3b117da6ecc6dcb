// POST /api/positions: a batch of technician positions from a device (its
// own technician) or a gateway (a dispatcher's or admin's token, for the
// technicians of their agencies). Validated, handed to the realtime
// broadcaster at once (to the rooms position-routing.ts finds), stored behind
// in batches (see position-writer.ts).
import type { Claims } from '../../auth/tokens.ts';
import { POSITION_MAX_AGE_MS, POSITION_MAX_AHEAD_MS, PositionBatch, PositionBatchResponse, type RefusedPosition } from '@tournee/contracts/api/positions';
import type { AppDeps } from '../deps.ts';
import { HttpError, type ErrorDetail } from '../errors.ts';
import { createPositionRouting, type PositionRoute } from '../position-routing.ts';
import type { PositionRow, PositionWriter } from '../position-writer.ts';
import type { ApiRegistry } from '../registry.ts';

/** Why a position's time is refused, or undefined when it is within the window (see POSITION_MAX_AGE_MS). */
function outsideWindow(recordedAt: number, now: number): string | undefined {
  if (recordedAt < now - POSITION_MAX_AGE_MS) return `older than ${POSITION_MAX_AGE_MS / 86_400_000} days: not stored nor shown`;
  if (recordedAt > now + POSITION_MAX_AHEAD_MS)
    return `more than ${POSITION_MAX_AHEAD_MS / 60_000} minutes ahead of the server's clock: check the device's clock`;
  return undefined;
}

function mayPostFor(auth: Claims, technicianId: string, route: PositionRoute): boolean {
  if (auth.role === 'admin') return true;
  if (auth.role === 'technician') return auth.technicianId === technicianId;
  return auth.agencyIds.includes(route.agencyId);
}

export function positionRoutes(api: ApiRegistry, { prisma, broadcaster }: AppDeps, writer: PositionWriter): void {
  const routes = createPositionRouting(prisma);
  api.route(
    {
      method: 'post',
      path: '/api/positions',
      summary: 'Post a batch of technician positions',
      tag: 'Positions',
      body: PositionBatch,
      response: PositionBatchResponse,
      status: 202,
      errors: [422],
      description:
        'Technicians post their own positions (technicianId may be omitted); dispatchers and admins may post for the technicians of their agencies. Positions reach the boards at once and are stored within a fraction of a second. ' +
        "A position taken more than 7 days ago or more than 5 minutes ahead of the server's clock is refused alone: the answer lists it in `refused`, the others are kept.",
    },
    async ({ auth, body }) => {
      const ids = body.positions.map((p, i) => {
        const id = p.technicianId ?? auth.technicianId;
        if (!id)
          throw new HttpError(400, 'technicianId is required', [
            { path: `positions[${i}].technicianId`, in: 'body', message: 'required (your account is not a technician)' },
          ]);
        return id;
      });
      const known = await routes([...new Set(ids)]);
      const forbidden: ErrorDetail[] = [];
      const unknown: ErrorDetail[] = [];
      ids.forEach((id, i) => {
        const route = known.get(id);
        const path = `positions[${i}].technicianId`;
        if (!route) unknown.push({ path, in: 'body', message: `no technician ${id}` });
        else if (!mayPostFor(auth, id, route)) forbidden.push({ path, in: 'body', message: `you may not post positions for technician ${id}` });
      });
      if (forbidden.length) throw new HttpError(403, 'positions for technicians you do not manage', forbidden);
      if (unknown.length) throw new HttpError(422, 'positions for unknown technicians', unknown);

      const now = Date.now();
      const refused: RefusedPosition[] = [];
      const rows: PositionRow[] = [];
      body.positions.forEach((p, i) => {
        const recordedAt = new Date(p.recordedAt);
        const reason = outsideWindow(recordedAt.getTime(), now);
        if (reason) refused.push({ index: i, path: `positions[${i}].recordedAt`, reason });
        else {
          rows.push({
            technicianId: ids[i]!,
            lat: p.lat,
            lon: p.lon,
            heading: p.heading ?? null,
            speed: p.speed ?? null,
            accuracy: p.accuracy ?? null,
            recordedAt,
          });
        }
      });
      if (rows.length) {
        broadcaster?.positions(rows.map((row) => ({ ...row, ...known.get(row.technicianId)! })));
        writer.add(rows);
      }
      return { accepted: rows.length, refused };
    },
  );
}
