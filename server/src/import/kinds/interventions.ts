// Open interventions: matched on their reference (the job's number in the ERP
// or the former SAV tool). The site, equipment and contract named by their
// references; the agency by its code, else the site's sector's — one of the
// caller's. A new intervention is created "requested" (to plan): the other
// open statuses come from planning and the field, so a status column may only
// repeat the stored one, and a done, closed or cancelled intervention is not
// changed by a file. Time windows are written "12/01/2027 08:00-12:00" in the
// agency's time zone, several separated by semicolons.
import { localDay, localMinuteOfDay, zonedInstant } from '@tournee/contracts/zoned-time';
import type { Claims } from '../../auth/tokens.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { cellText, day, text, type Cell, type Parsed } from '../cells.ts';
import { pages, resolveByKey, type Db, type DbRecord, type Delegate, type KindDefinition } from './kind.ts';
import { INTERVENTION_KIND } from './service-plans.ts';
import {
  agenciesByCode,
  agencyOf,
  choice,
  equipmentByReference,
  equipmentOf,
  inCallersAgencies,
  integer,
  refuse,
  resolveSkillCodes,
  siteOf,
  sitesByReference,
  skillList,
  skillText,
  type SkillLevel,
} from './shared.ts';

const OPEN = ['requested', 'planned', 'assigned', 'dispatched', 'en_route', 'on_site'] as const;
/** The status column: the board's words (those the day export writes) and the usual others. */
export const STATUS = choice({
  requested: ['à planifier', 'demandée', 'demande', 'ouverte', 'nouvelle', 'open', 'new'],
  planned: ['planifiée', 'planifié'],
  assigned: ['affectée', 'attribuée'],
  dispatched: ['envoyée', 'transmise'],
  en_route: ['en route'],
  on_site: ['sur place', 'sur site', 'en cours'],
});

interface Window {
  readonly day: Date;
  readonly start: number;
  readonly end: number;
}

/** "12/01/2027 08:00-12:00; 13/01/2027 14:00-18:00" → days and minutes (instants once the agency's time zone is known). */
function windows(cell: Cell): Parsed<Window[]> {
  const s = cellText(cell);
  if (s === '') return { ok: true, value: null };
  const out: Window[] = [];
  for (const part of s.split(';')) {
    const item = part.trim();
    if (!item) continue;
    const m = /^(\S+)\s+(\d{1,2})[:h](\d{2})\s*[-–à]\s*(\d{1,2})[:h](\d{2})$/.exec(item);
    const d = m ? day(m[1]!) : null;
    if (!m || !d || !d.ok) {
      return { ok: false, code: 'invalid_time_window', message: `time windows as 12/01/2027 08:00-12:00, separated by semicolons (got ${item.slice(0, 40)})` };
    }
    const start = Number(m[2]) * 60 + Number(m[3]);
    const end = Number(m[4]) * 60 + Number(m[5]);
    if (Number(m[3]) > 59 || Number(m[5]) > 59 || end > 24 * 60 || end <= start) {
      return { ok: false, code: 'invalid_time_window', message: `the window ${item.slice(0, 40)} must end after it starts, within the day` };
    }
    out.push({ day: d.value!, start, end });
  }
  return { ok: true, value: out.sort((a, b) => a.day.getTime() - b.day.getTime() || a.start - b.start) };
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

function windowText(stored: unknown, timeZone: string): string | null {
  const list = (stored ?? []) as { start: string; end: string }[];
  if (!list.length) return null;
  return list
    .map((w) => {
      const start = new Date(w.start);
      const end = new Date(w.end);
      const d = localDay(start, timeZone);
      const endMinute = localDay(end, timeZone) === d ? localMinuteOfDay(end, timeZone) : 24 * 60;
      return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${hhmm(localMinuteOfDay(start, timeZone))}-${hhmm(endMinute)}`;
    })
    .join('; ');
}

export const interventions: KindDefinition = {
  kind: 'interventions',
  key: 'reference',
  fields: [
    {
      key: 'reference',
      column: 'reference',
      parse: text(60),
      labels: ['Référence', 'Reference', 'Réf', 'Ref', "N° d'intervention", 'N° OT', 'Bon de travail', 'Référence intervention', 'Job number'],
    },
    { key: 'siteReference', parse: text(60), labels: ['Référence site', 'Code site', 'Site', 'Site reference'] },
    { key: 'equipmentReference', parse: text(60), labels: ['Référence équipement', 'N° équipement', 'Équipement', 'Equipment', 'Equipment reference'] },
    { key: 'contractReference', parse: text(60), labels: ['Référence contrat', 'N° contrat', 'Contrat', 'Contract', 'Contract reference'] },
    { key: 'agencyCode', parse: text(40), labels: ['Agence', 'Code agence', 'Agency', 'Agency code'] },
    { key: 'kind', column: 'kind', parse: INTERVENTION_KIND, labels: ["Type d'intervention", 'Type', 'Nature', 'Kind', 'Intervention kind'] },
    { key: 'status', parse: STATUS, labels: ['Statut', 'État', 'Status'] },
    {
      key: 'problemDescription',
      column: 'problemDescription',
      parse: text(5000),
      labels: ['Description', 'Motif', 'Panne', 'Symptôme', 'Problem', 'Description of the problem'],
    },
    { key: 'skills', parse: skillList, labels: ['Compétences', 'Compétences requises', 'Habilitations', 'Skills', 'Required skills'] },
    {
      key: 'estimatedDurationMinutes',
      column: 'estimatedDurationMinutes',
      parse: integer(1, 24 * 60),
      labels: ['Durée (min)', 'Durée', 'Durée estimée', 'Duration (min)', 'Duration'],
    },
    { key: 'priority', column: 'priority', parse: integer(0, 100), labels: ['Priorité', 'Urgence', 'Priority'] },
    { key: 'timeWindows', parse: windows, labels: ['Créneaux', 'Créneaux horaires', 'Disponibilités', 'Time windows', 'Windows'] },
    { key: 'earliestDate', column: 'earliestDate', parse: day, labels: ['Pas avant le', 'À partir du', 'Date au plus tôt', 'Earliest date', 'Not before'] },
    {
      key: 'latestDate',
      column: 'latestDate',
      parse: day,
      labels: ['À faire avant le', 'Échéance', 'Date limite', 'Date au plus tard', 'Due date', 'Latest date'],
    },
  ],
  delegate: (db: Db) => db.intervention as unknown as Delegate,
  relations: ['skills'],
  updateExtra: { version: { increment: 1 } },
  existingInclude: { requiredSkills: { select: { minLevel: true, skill: { select: { code: true } } } } },
  existingView(record) {
    const skills = (record.requiredSkills as { minLevel: number; skill: { code: string } }[]).map((s) => ({ code: s.skill.code, level: s.minLevel }));
    return { ...record, skills: skills.sort((a, b) => (a.code < b.code ? -1 : 1)) };
  },
  async resolve(rows, db, auth) {
    const agencies = await agenciesByCode(db, rows, auth);
    const sites = await sitesByReference(db, rows);
    const equipment = await equipmentByReference(db, rows);
    await resolveByKey(
      rows,
      'contractReference',
      'contractId',
      async (refs) =>
        (await db.contract.findMany({ where: { reference: { in: refs } }, select: { id: true, reference: true } })).map((c) => ({
          id: c.id,
          key: c.reference,
        })),
      'contract',
    );
    await resolveSkillCodes(db, rows);
    const refs = rows.map((r) => r.values.reference).filter((v): v is string => typeof v === 'string');
    const stored = new Map(
      (refs.length ? await db.intervention.findMany({ where: { reference: { in: refs } }, select: { reference: true, status: true } }) : []).map((i) => [
        i.reference!,
        i.status,
      ]),
    );
    const zones = new Map((await db.agency.findMany({ select: { id: true, timezone: true } })).map((a) => [a.id, a.timezone]));
    for (const row of rows) {
      const site = siteOf(row, sites, auth);
      if (site) row.data.siteId = site.id;
      if ('equipmentReference' in row.values) {
        const found = equipmentOf(row, equipment, site?.id);
        if (found !== undefined) row.data.equipmentId = found?.id ?? null;
      }
      let agencyId: string | null = null;
      if (typeof row.values.agencyCode === 'string') agencyId = agencyOf(row, agencies, auth)?.id ?? null;
      else if (site?.sector) agencyId = site.sector.agencyId;
      else if (site) refuse(row, 'agencyCode', 'required', 'the site is in no sector: name the agency');
      if (agencyId) row.data.agencyId = agencyId;
      if ('skills' in row.values) row.data.skills = row.values.skills ?? [];
      for (const column of ['kind', 'priority']) if (row.data[column] === null) delete row.data[column];
      const earliest = row.data.earliestDate as Date | null | undefined;
      const latest = row.data.latestDate as Date | null | undefined;
      if (earliest && latest && latest < earliest) refuse(row, 'latestDate', 'out_of_range', 'the due date is before the earliest date');
      if ('timeWindows' in row.values) {
        const zone = zones.get(agencyId ?? '') ?? 'Europe/Paris';
        row.data.timeWindows = ((row.values.timeWindows as Window[] | null) ?? []).map((w) => ({
          start: zonedInstant(dayOf(w.day), w.start, zone).toISOString(),
          end: zonedInstant(dayOf(w.day), w.end, zone).toISOString(),
        }));
      }
      // Status: never written by a file.
      const current = typeof row.values.reference === 'string' ? stored.get(row.values.reference) : undefined;
      const status = row.values.status as string | null | undefined;
      if (current && !(OPEN as readonly string[]).includes(current)) {
        refuse(row, 'reference', 'not_open', `this intervention is ${current}: a file changes only open ones`);
      } else if (status && status !== (current ?? 'requested')) {
        refuse(
          row,
          'status',
          'status_by_lifecycle',
          current
            ? `the status moves by planning and the field (it is ${current})`
            : 'a new intervention is created requested (to plan): planning gives the other statuses',
        );
      }
    }
  },
  async writeRelations(tx: Prisma.TransactionClient, id, values) {
    if (!('skills' in values)) return;
    const skills = (values.skills as SkillLevel[] | null) ?? [];
    await tx.interventionSkill.deleteMany({ where: { interventionId: id } });
    if (!skills.length) return;
    const ids = new Map(
      (await tx.skill.findMany({ where: { code: { in: skills.map((s) => s.code) } }, select: { id: true, code: true } })).map((s) => [s.code, s.id]),
    );
    await tx.interventionSkill.createMany({ data: skills.map((s) => ({ interventionId: id, skillId: ids.get(s.code)!, minLevel: s.level })) });
  },
  checkExisting(existing: DbRecord, auth: Claims) {
    if (inCallersAgencies(auth, existing.agencyId as string)) return null;
    return {
      field: 'reference',
      column: null,
      code: 'not_your_agency',
      message: "this intervention is another agency's: only that agency or an admin may change it",
    };
  },
  async dependents(db, ids) {
    const list = [...ids];
    const [moved, stops, reports, documents] = await Promise.all([
      db.intervention.count({ where: { id: { in: list }, status: { not: 'requested' } } }),
      db.tourStop.count({ where: { interventionId: { in: list } } }),
      db.interventionReport.count({ where: { interventionId: { in: list } } }),
      db.billingDocument.count({ where: { interventionId: { in: list } } }),
    ]);
    if (moved + stops + reports + documents === 0) return null;
    return `interventions this import created have moved on since (${moved} planned or further, ${stops} on a tour, ${reports} report(s), ${documents} billing document(s))`;
  },
  async *exportRows(db, auth, agencyId) {
    const agencies = auth.role === 'admin' ? (agencyId ? [agencyId] : null) : agencyId ? [agencyId] : [...auth.agencyIds];
    const where = { status: { in: [...OPEN] }, ...(agencies ? { agencyId: { in: agencies } } : {}) };
    const include = {
      agency: { select: { code: true, timezone: true } },
      site: { select: { reference: true } },
      equipment: { select: { reference: true } },
      contract: { select: { reference: true } },
      ...(interventions.existingInclude as object),
    };
    for await (const page of pages(interventions.delegate(db), { where, include })) {
      for (const record of page) {
        const i = interventions.existingView!(record);
        const agency = i.agency as { code: string; timezone: string };
        yield {
          fields: {
            reference: i.reference as string | null,
            siteReference: (i.site as { reference: string | null }).reference,
            equipmentReference: (i.equipment as { reference: string | null } | null)?.reference ?? null,
            contractReference: (i.contract as { reference: string } | null)?.reference ?? null,
            agencyCode: agency.code,
            kind: i.kind as string,
            status: i.status as string,
            problemDescription: i.problemDescription as string | null,
            skills: skillText(i.skills as SkillLevel[]),
            estimatedDurationMinutes: i.estimatedDurationMinutes as number,
            priority: i.priority as number,
            timeWindows: windowText(i.timeWindows, agency.timezone),
            earliestDate: i.earliestDate as Date | null,
            latestDate: i.latestDate as Date | null,
          },
        };
      }
    }
  },
};
