// Who sees what, as Prisma `where` fragments merged into every query, so an
// out-of-scope record is simply not found (404, not 403: its existence is not
// revealed) and lists never leak it.
//
// - admin: everything.
// - dispatcher: the agencies in their claims — those agencies' sectors,
//   technicians, interventions; the installed base (customers, sites,
//   equipment, contracts) is shared by all agencies, as the schema says.
// - technician: their own technician record and assignments, and the sites,
//   customers and equipment those assignments take them to.
import type { Prisma } from '../generated/prisma/client.ts';
import type { Claims, Role } from './tokens.ts';

const NOTHING = { id: { in: [] as string[] } };

export const isAdmin = (c: Claims): boolean => c.role === 'admin';

/** Whether the principal may act on (create or move records into) this agency. */
export function canManageAgency(c: Claims, agencyId: string): boolean {
  return c.role === 'admin' || (c.role === 'dispatcher' && c.agencyIds.includes(agencyId));
}

export function hasRole(c: Claims, roles: readonly Role[]): boolean {
  return roles.includes(c.role);
}

export function agencyScope(c: Claims): Prisma.AgencyWhereInput {
  return c.role === 'admin' ? {} : { id: { in: [...c.agencyIds] } };
}

export function sectorScope(c: Claims): Prisma.SectorWhereInput {
  return c.role === 'admin' ? {} : { agencyId: { in: [...c.agencyIds] } };
}

export function technicianScope(c: Claims): Prisma.TechnicianWhereInput {
  if (c.role === 'admin') return {};
  if (c.role === 'dispatcher') return { agencyId: { in: [...c.agencyIds] } };
  return c.technicianId ? { id: c.technicianId } : NOTHING;
}

export function interventionScope(c: Claims): Prisma.InterventionWhereInput {
  if (c.role === 'admin') return {};
  if (c.role === 'dispatcher') return { agencyId: { in: [...c.agencyIds] } };
  return c.technicianId ? { technicianId: c.technicianId } : NOTHING;
}

export function siteScope(c: Claims): Prisma.SiteWhereInput {
  if (c.role !== 'technician') return {};
  return c.technicianId ? { interventions: { some: { technicianId: c.technicianId } } } : NOTHING;
}

export function customerScope(c: Claims): Prisma.CustomerWhereInput {
  return c.role === 'technician' ? { sites: { some: siteScope(c) } } : {};
}

export function equipmentScope(c: Claims): Prisma.EquipmentWhereInput {
  return c.role === 'technician' ? { site: siteScope(c) } : {};
}
