// The visit sheet the technician reads on site, offline: customer and site,
// the equipment there (as sold and as maintained, warranty, recent history),
// the site's past interventions, the attached documents, and the report once
// written. Built for many visits with a handful of queries.
import type { DocumentInfo, EquipmentSheet, FieldReportView, VisitSheet } from '@tournee/contracts/replication';
import { dayOfDateColumn } from '../planning/time.ts';
import type { Db } from './types.ts';
import { warrantyStatus } from './warranty.ts';

const HISTORY_PER_SITE = 10;
const EVENTS_PER_EQUIPMENT = 10;

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const day = (d: Date | null | undefined): string | null => (d ? dayOfDateColumn(d) : null);

type AttachmentRow = {
  id: string;
  kind: 'photo' | 'signature' | 'document';
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  interventionId: string | null;
  equipmentId: string | null;
  siteId: string | null;
};

export function documentInfo(a: AttachmentRow): DocumentInfo {
  return {
    id: a.id,
    kind: a.kind,
    fileName: a.fileName,
    mimeType: a.mimeType,
    sizeBytes: a.sizeBytes,
    attachedTo: a.interventionId ? 'intervention' : a.equipmentId ? 'equipment' : 'site',
    url: `/api/attachments/${encodeURIComponent(a.id)}`,
  };
}

const ATTACHMENT_META = {
  id: true,
  kind: true,
  fileName: true,
  mimeType: true,
  sizeBytes: true,
  interventionId: true,
  equipmentId: true,
  siteId: true,
} as const;

export async function visitSheets(db: Db, ids: readonly string[], today: string): Promise<VisitSheet[]> {
  if (ids.length === 0) return [];
  const rows = await db.intervention.findMany({
    where: { id: { in: [...ids] } },
    include: {
      site: {
        include: {
          customer: { select: { id: true, name: true, reference: true, phone: true, email: true } },
          equipment: {
            where: { active: true },
            orderBy: { createdAt: 'asc' },
            include: {
              events: { orderBy: { occurredAt: 'desc' }, take: EVENTS_PER_EQUIPMENT, select: { occurredAt: true, kind: true, summary: true } },
              warranties: { select: { kind: true, startsOn: true, endsOn: true } },
            },
          },
        },
      },
      fieldReport: true,
    },
  });
  const siteIds = [...new Set(rows.map((r) => r.siteId))];
  const equipmentIds = [...new Set(rows.flatMap((r) => r.site.equipment.map((e) => e.id)))];
  const [attachments, past] = await Promise.all([
    db.attachment.findMany({
      where: { OR: [{ interventionId: { in: [...ids] } }, { siteId: { in: siteIds } }, { equipmentId: { in: equipmentIds } }] },
      select: ATTACHMENT_META,
      orderBy: { createdAt: 'asc' },
    }),
    db.intervention.findMany({
      where: { siteId: { in: siteIds }, status: { in: ['done', 'closed'] } },
      orderBy: [{ actualEnd: 'desc' }, { id: 'desc' }],
      take: HISTORY_PER_SITE * siteIds.length,
      select: {
        id: true,
        siteId: true,
        kind: true,
        status: true,
        equipmentId: true,
        actualEnd: true,
        plannedStart: true,
        problemDescription: true,
        report: true,
      },
    }),
  ]);

  return rows.map((r): VisitSheet => {
    const equipment = r.site.equipment
      .map((e): EquipmentSheet => ({
        id: e.id,
        category: e.category,
        brand: e.brand,
        model: e.model,
        serialNumber: e.serialNumber,
        asSold: (e.asSold ?? {}) as Record<string, unknown>,
        asMaintained: (e.asMaintained ?? {}) as Record<string, unknown>,
        installedOn: day(e.installedOn),
        warranty: warrantyStatus(
          today,
          day(e.warrantyEndsOn),
          e.warranties.map((w) => ({ kind: w.kind, startsOn: day(w.startsOn)!, endsOn: day(w.endsOn)! })),
        ),
        concerned: e.id === r.equipmentId,
        events: e.events.map((ev) => ({ occurredAt: ev.occurredAt.toISOString(), kind: ev.kind, summary: ev.summary })),
        counters: countersOf(e.counters),
        countersReadAt: e.countersReadAt?.toISOString() ?? null,
      }))
      // The equipment the visit is about first.
      .sort((a, b) => Number(b.concerned) - Number(a.concerned));
    const mine = attachments.filter(
      (a) => a.interventionId === r.id || a.siteId === r.siteId || (a.equipmentId !== null && equipment.some((e) => e.id === a.equipmentId)),
    );
    const report = r.fieldReport;
    const fieldReport: FieldReportView | null = report && {
      workDone: report.workDone,
      timeSpentMinutes: report.timeSpentMinutes,
      partsUsed: report.partsUsed as FieldReportView['partsUsed'],
      configurationChanges: report.configurationChanges as FieldReportView['configurationChanges'],
      signedBy: report.signedBy,
      completedAt: report.completedAt.toISOString(),
      attachments: mine.filter((a) => a.interventionId === r.id && a.kind !== 'document').map(documentInfo),
    };
    return {
      id: r.id,
      agencyId: r.agencyId,
      status: r.status,
      version: r.version,
      kind: r.kind,
      priority: r.priority,
      problemDescription: r.problemDescription,
      report: r.report,
      cancelReason: r.cancelReason,
      estimatedDurationMinutes: r.estimatedDurationMinutes,
      slaDeadline: iso(r.slaDeadline),
      timeWindows: (r.timeWindows ?? []) as VisitSheet['timeWindows'],
      plannedStart: iso(r.plannedStart),
      plannedEnd: iso(r.plannedEnd),
      actualStart: iso(r.actualStart),
      actualEnd: iso(r.actualEnd),
      customer: r.site.customer,
      site: {
        id: r.site.id,
        name: r.site.name,
        address: r.site.address,
        postcode: r.site.postcode,
        city: r.site.city,
        lat: r.site.lat,
        lon: r.site.lon,
        accessNotes: r.site.accessNotes,
        contactName: r.site.contactName,
        contactPhone: r.site.contactPhone,
      },
      equipment,
      history: past
        .filter((p) => p.siteId === r.siteId && p.id !== r.id)
        .slice(0, HISTORY_PER_SITE)
        .map((p) => ({
          id: p.id,
          kind: p.kind,
          status: p.status,
          equipmentId: p.equipmentId,
          date: iso(p.actualEnd ?? p.plannedStart),
          problemDescription: p.problemDescription,
          report: p.report,
        })),
      documents: mine.filter((a) => a.kind === 'document').map(documentInfo),
      fieldReport,
    };
  });
}

/** The numeric entries of `Equipment.counters` (the column is JSON: anything else is left out). */
function countersOf(json: unknown): Record<string, number> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return {};
  return Object.fromEntries(Object.entries(json).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
}
