// A technician's shifts and absences, as sub-resources: who may read or
// change them follows who may read or change the technician.
import { z } from 'zod';
import { canManageAgency, technicianScope } from '../../auth/scope.ts';
import type { Claims } from '../../auth/tokens.ts';
import { Absence, AbsenceInput, AbsencePatch, AbsenceQuery, Id, Shift, ShiftInput, ShiftPatch, checkAbsence, checkShift } from '@tournee/contracts/api';
import { checkMerged, daysToDates } from '../crud.ts';
import type { AppDeps } from '../deps.ts';
import { forbidden, notFound } from '../errors.ts';
import type { ApiRegistry } from '../registry.ts';

const TechnicianParams = z.object({ id: Id });
const ShiftParams = z.object({ id: Id, shiftId: Id });
const AbsenceParams = z.object({ id: Id, absenceId: Id });
const TAG = 'Workforce';

export function technicianCalendarRoutes(api: ApiRegistry, { prisma }: AppDeps): void {
  const technician = async (auth: Claims, id: string, write: boolean) => {
    const found = await prisma.technician.findFirst({ where: { AND: [{ id }, technicianScope(auth)] }, select: { id: true, agencyId: true } });
    if (!found) throw notFound('technician');
    if (write && !canManageAgency(auth, found.agencyId)) throw forbidden(`agency ${found.agencyId} is not one of yours`);
    return found;
  };

  // ─── Shifts ────────────────────────────────────────────────────────────────
  api.route(
    { method: 'get', path: '/api/technicians/:id/shifts', summary: "List a technician's shifts", tag: TAG, params: TechnicianParams, response: z.array(Shift) },
    async ({ auth, params }) => {
      await technician(auth, params.id, false);
      return prisma.shift.findMany({ where: { technicianId: params.id }, orderBy: [{ weekday: 'asc' }, { date: 'asc' }, { startMinute: 'asc' }] });
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/technicians/:id/shifts',
      summary: 'Add a weekly or one-day shift',
      tag: TAG,
      roles: ['admin', 'dispatcher'],
      params: TechnicianParams,
      body: ShiftInput,
      response: Shift,
      status: 201,
    },
    async ({ auth, params, body }) => {
      await technician(auth, params.id, true);
      return prisma.shift.create({ data: { ...daysToDates(body), technicianId: params.id } as never });
    },
  );
  api.route(
    {
      method: 'patch',
      path: '/api/technicians/:id/shifts/:shiftId',
      summary: 'Change a shift',
      tag: TAG,
      roles: ['admin', 'dispatcher'],
      params: ShiftParams,
      body: ShiftPatch,
      response: Shift,
    },
    async ({ auth, params, body }) => {
      await technician(auth, params.id, true);
      const existing = await prisma.shift.findFirst({ where: { id: params.shiftId, technicianId: params.id } });
      if (!existing) throw notFound('shift');
      const patch = daysToDates(body);
      checkMerged(checkShift, { ...existing, ...patch });
      return prisma.shift.update({ where: { id: params.shiftId }, data: patch });
    },
  );
  api.route(
    {
      method: 'delete',
      path: '/api/technicians/:id/shifts/:shiftId',
      summary: 'Remove a shift',
      tag: TAG,
      roles: ['admin', 'dispatcher'],
      params: ShiftParams,
    },
    async ({ auth, params }) => {
      await technician(auth, params.id, true);
      const { count } = await prisma.shift.deleteMany({ where: { id: params.shiftId, technicianId: params.id } });
      if (count === 0) throw notFound('shift');
      return undefined;
    },
  );

  // ─── Absences ──────────────────────────────────────────────────────────────
  api.route(
    {
      method: 'get',
      path: '/api/technicians/:id/absences',
      summary: "List a technician's absences (overlapping from..to when given)",
      tag: TAG,
      params: TechnicianParams,
      query: AbsenceQuery,
      response: z.array(Absence),
    },
    async ({ auth, params, query }) => {
      await technician(auth, params.id, false);
      return prisma.absence.findMany({
        where: {
          technicianId: params.id,
          ...(query.from ? { endsAt: { gt: new Date(query.from) } } : {}),
          ...(query.to ? { startsAt: { lt: new Date(query.to) } } : {}),
        },
        orderBy: { startsAt: 'asc' },
      });
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/technicians/:id/absences',
      summary: 'Record an absence',
      tag: TAG,
      roles: ['admin', 'dispatcher'],
      params: TechnicianParams,
      body: AbsenceInput,
      response: Absence,
      status: 201,
    },
    async ({ auth, params, body }) => {
      await technician(auth, params.id, true);
      return prisma.absence.create({ data: { ...body, technicianId: params.id } });
    },
  );
  api.route(
    {
      method: 'patch',
      path: '/api/technicians/:id/absences/:absenceId',
      summary: 'Change an absence',
      tag: TAG,
      roles: ['admin', 'dispatcher'],
      params: AbsenceParams,
      body: AbsencePatch,
      response: Absence,
    },
    async ({ auth, params, body }) => {
      await technician(auth, params.id, true);
      const existing = await prisma.absence.findFirst({ where: { id: params.absenceId, technicianId: params.id } });
      if (!existing) throw notFound('absence');
      checkMerged(checkAbsence, { ...existing, ...body });
      return prisma.absence.update({ where: { id: params.absenceId }, data: body });
    },
  );
  api.route(
    {
      method: 'delete',
      path: '/api/technicians/:id/absences/:absenceId',
      summary: 'Remove an absence',
      tag: TAG,
      roles: ['admin', 'dispatcher'],
      params: AbsenceParams,
    },
    async ({ auth, params }) => {
      await technician(auth, params.id, true);
      const { count } = await prisma.absence.deleteMany({ where: { id: params.absenceId, technicianId: params.id } });
      if (count === 0) throw notFound('absence');
      return undefined;
    },
  );
}
