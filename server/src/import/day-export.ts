// The board's day as CSV or XLSX (issue 13): one agency's visits planned on one
// day, technician by technician in tour order, in the columns an import of open
// interventions reads (the same French headers as the other exports: the
// record's reference, the site's reference, kind, description, priority,
// duration, skills, time windows, dates, agency and contract) plus what the board shows of the day (technician,
// order, planned start and end in the agency's time, customer, address, status).
// Written by the back office's export writer (export.ts).
import type { Writable } from 'node:stream';
import { localDay, localMinuteOfDay, zonedInstant } from '@tournee/contracts/zoned-time';
import type { Prisma } from '../generated/prisma/client.ts';
import { type Column, type ExportFormat, writeCsv, writeXlsx } from './export.ts';
import type { Db, ExportRow } from './kinds/kind.ts';

/** Statuses in the board's words, which the interventions import reads back. */
export const STATUS: Record<string, string> = {
  requested: 'Demandée',
  planned: 'Planifiée',
  assigned: 'Affectée',
  dispatched: 'Envoyée',
  en_route: 'En route',
  on_site: 'Sur place',
  done: 'Terminée',
  closed: 'Clôturée',
  cancelled: 'Annulée',
};

const KIND: Record<string, string> = {
  corrective: 'Dépannage',
  preventive: 'Entretien',
  installation: 'Installation',
  regulatory: 'Contrôle réglementaire',
  other: 'Autre',
};

/** Header → field key, in the file's order. */
export const DAY_COLUMNS: readonly { readonly key: string; readonly label: string }[] = [
  { key: 'reference', label: 'Référence' },
  { key: 'agencyCode', label: 'Agence' },
  { key: 'date', label: 'Date' },
  { key: 'technician', label: 'Technicien' },
  { key: 'technicianReference', label: 'Référence technicien' },
  { key: 'order', label: 'Ordre' },
  { key: 'plannedStart', label: 'Début prévu' },
  { key: 'plannedEnd', label: 'Fin prévue' },
  { key: 'status', label: 'Statut' },
  { key: 'kind', label: 'Type' },
  { key: 'customerReference', label: 'Référence client' },
  { key: 'customer', label: 'Client' },
  { key: 'siteReference', label: 'Référence site' },
  { key: 'address', label: 'Adresse' },
  { key: 'postcode', label: 'Code postal' },
  { key: 'city', label: 'Ville' },
  { key: 'equipmentReference', label: 'Référence équipement' },
  { key: 'contractReference', label: 'Référence contrat' },
  { key: 'description', label: 'Description' },
  { key: 'skills', label: 'Compétences' },
  { key: 'duration', label: 'Durée (min)' },
  { key: 'priority', label: 'Priorité' },
  { key: 'timeWindows', label: 'Créneaux' },
  { key: 'earliestDate', label: 'Pas avant le' },
  { key: 'latestDate', label: 'À faire avant le' },
  { key: 'slaDeadline', label: 'Limite SLA' },
];

/** e.g. journee-AIX-2026-12-08.csv */
export function dayExportFileName(agencyCode: string, day: string, format: ExportFormat): string {
  return `journee-${agencyCode.replace(/[^A-Za-z0-9_-]/g, '_')}-${day}.${format}`;
}

export async function writeDayExport(db: Db, agency: { id: string; code: string; timezone: string }, day: string, format: ExportFormat, out: Writable) {
  const columns: Column[] = DAY_COLUMNS.map((c) => ({ header: c.label, get: (r) => r.fields[c.key] }));
  const rows = dayRows(db, agency, day);
  if (format === 'csv') await writeCsv(columns, rows, out);
  else await writeXlsx(`Journée ${day}`, columns, rows, out);
}

const INCLUDE = {
  technician: { select: { firstName: true, lastName: true, reference: true } },
  site: { select: { reference: true, address: true, postcode: true, city: true, customer: { select: { name: true, reference: true } } } },
  equipment: { select: { reference: true } },
  contract: { select: { reference: true } },
  requiredSkills: { select: { minLevel: true, skill: { select: { code: true } } }, orderBy: { skill: { code: 'asc' } } },
  tourStops: { select: { sequence: true, tour: { select: { date: true, agencyId: true } } } },
} satisfies Prisma.InterventionInclude;

type Visit = Prisma.InterventionGetPayload<{ include: typeof INCLUDE }>;

/**
 * The day's visits: those on the agency's tours of that day, and those planned
 * to start that day (agency time) without a tour; not the cancelled ones.
 * Ordered by technician, then tour order, then planned start.
 */
async function* dayRows(db: Db, agency: { id: string; code: string; timezone: string }, day: string): AsyncGenerator<ExportRow> {
  const date = new Date(`${day}T00:00:00Z`);
  const where: Prisma.InterventionWhereInput = {
    agencyId: agency.id,
    status: { not: 'cancelled' },
    OR: [
      { tourStops: { some: { tour: { agencyId: agency.id, date } } } },
      { plannedStart: { gte: zonedInstant(day, 0, agency.timezone), lt: zonedInstant(day, 24 * 60, agency.timezone) } },
    ],
  };
  // A day's visits for one agency are a few hundred at most: read at once, then sorted.
  const visits = await db.intervention.findMany({ where, include: INCLUDE, orderBy: { id: 'asc' } });
  const order = (v: Visit) => v.tourStops.find((s) => s.tour.agencyId === agency.id && s.tour.date.getTime() === date.getTime())?.sequence ?? null;
  const name = (v: Visit) => (v.technician ? `${v.technician.firstName} ${v.technician.lastName}` : '');
  const sorted = visits
    .map((v) => ({ v, order: order(v) }))
    .sort(
      (a, b) =>
        // Unassigned visits after the technicians' ones.
        Number(!a.v.technician) - Number(!b.v.technician) ||
        name(a.v).localeCompare(name(b.v), 'fr') ||
        (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) ||
        (a.v.plannedStart?.getTime() ?? 0) - (b.v.plannedStart?.getTime() ?? 0) ||
        a.v.id.localeCompare(b.v.id),
    );
  // The order within each technician's day, from 1 (a tour's sequence may start at 0 or skip numbers).
  const rank = new Map<string, number>();
  for (const { v } of sorted) {
    const key = v.technicianId ?? '';
    rank.set(key, (rank.get(key) ?? 0) + 1);
    yield { fields: fieldsOf(v, v.technicianId ? rank.get(key)! : null, date, agency) };
  }
}

function fieldsOf(v: Visit, order: number | null, date: Date, agency: { code: string; timezone: string }): ExportRow['fields'] {
  const timezone = agency.timezone;
  const time = (at: Date | null) => {
    if (!at) return null;
    const minutes = Math.floor(localMinuteOfDay(at, timezone));
    const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    // A visit running past midnight (or planned on another day) says which day.
    const on = localDay(at, timezone);
    return on === date.toISOString().slice(0, 10) ? hhmm : `${on.slice(8, 10)}/${on.slice(5, 7)}/${on.slice(0, 4)} ${hhmm}`;
  };
  const hhmm = (at: Date) => {
    const minutes = Math.floor(localMinuteOfDay(at, timezone));
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  };
  const frenchDay = (at: Date) => localDay(at, timezone).split('-').reverse().join('/');
  // As the import reads them: « 12/01/2027 08:00-12:00; 13/01/2027 08:00-12:00 », in the agency's time.
  const windows = (Array.isArray(v.timeWindows) ? (v.timeWindows as { start?: string; end?: string }[]) : [])
    .filter((w) => w.start && w.end)
    .map((w) => `${frenchDay(new Date(w.start!))} ${hhmm(new Date(w.start!))}-${hhmm(new Date(w.end!))}`)
    .join('; ');
  const sla = v.slaDeadline ? `${localDay(v.slaDeadline, timezone).split('-').reverse().join('/')} ${time(v.slaDeadline)!.slice(-5)}` : null;
  return {
    reference: v.reference,
    agencyCode: agency.code,
    date,
    technician: v.technician ? `${v.technician.firstName} ${v.technician.lastName}` : null,
    technicianReference: v.technician?.reference ?? null,
    order,
    plannedStart: time(v.plannedStart),
    plannedEnd: time(v.plannedEnd),
    status: STATUS[v.status] ?? v.status,
    kind: KIND[v.kind] ?? v.kind,
    customerReference: v.site.customer.reference,
    customer: v.site.customer.name,
    siteReference: v.site.reference,
    address: v.site.address,
    postcode: v.site.postcode,
    city: v.site.city,
    equipmentReference: v.equipment?.reference ?? null,
    contractReference: v.contract?.reference ?? null,
    description: v.problemDescription,
    skills: v.requiredSkills.map((s) => `${s.skill.code}:${s.minLevel}`).join(', ') || null,
    duration: v.estimatedDurationMinutes,
    priority: v.priority,
    timeWindows: windows || null,
    earliestDate: v.earliestDate,
    latestDate: v.latestDate,
    slaDeadline: sla,
  };
}
