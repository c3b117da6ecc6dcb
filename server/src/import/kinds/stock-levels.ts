// Stock levels per depot and van: one line per part and location — a depot by
// its code (and its agency's code when two agencies use the same code), or a
// technician's van by the technician's reference. The quantity is what was
// counted: on hand is never written (stock moves only by movements, which the
// database adds up), so a difference becomes an inventory adjustment movement,
// valued and posted to the ledger as the stock screen's count is. Minimum,
// maximum and bin are the level's settings, written as such.
//
// Undo records the opposite adjustment (the history keeps both) and puts the
// settings back; it is refused when the stock has moved since so far that the
// reversal would take a depot below zero.
import type { Claims } from '../../auth/tokens.ts';
import { levelKey, lockLevels } from '../../back-office/stock/locks.ts';
import { recordMovements } from '../../back-office/stock/movements.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { text } from '../cells.ts';
import { ImportConflictError } from '../errors.ts';
import type { CustomWriter, Db, DbRecord, Delegate, ImportRow, KindDefinition } from './kind.ts';
import { inCallersAgencies, integer, refuse } from './shared.ts';

const PAGE = 1000;
const SETTINGS = ['minQuantity', 'maxQuantity', 'bin'] as const;

interface LevelBefore {
  readonly partId: string;
  readonly depotId: string;
  /** The adjustment this line recorded (0: none). */
  readonly moved: number;
  /** The settings it changed, as they were. */
  readonly settings: Record<string, unknown>;
}

const writer: CustomWriter = {
  async findExisting(rows, db) {
    const ready = rows.filter((r) => r.errors.length === 0 && r.data.partId && r.data.depotId);
    const out = new Map<string, DbRecord>();
    if (!ready.length) return out;
    const found = await db.stockLevel.findMany({
      where: { OR: ready.map((r) => ({ partId: r.data.partId as string, depotId: r.data.depotId as string })) },
    });
    const byIds = new Map(found.map((l) => [levelKey(l.partId, l.depotId), l]));
    for (const row of ready) {
      const level = byIds.get(levelKey(row.data.partId as string, row.data.depotId as string));
      if (level && row.key) out.set(row.key, { ...level, id: levelKey(level.partId, level.depotId) });
    }
    return out;
  },

  async write(tx, decisions, ctx) {
    const out: { line: number; recordId: string; action: 'created' | 'updated'; before: unknown }[] = [];
    // Settings first: the level row exists (at zero) for the movements that follow.
    for (const d of decisions) {
      const { partId, depotId } = d.row.data as { partId: string; depotId: string };
      const settings = Object.fromEntries(SETTINGS.filter((k) => k in d.row.data && (d.action === 'create' || k in d.changes)).map((k) => [k, d.row.data[k]]));
      await tx.stockLevel.createMany({ data: [{ partId, depotId }], skipDuplicates: true });
      if (Object.keys(settings).length) await tx.stockLevel.update({ where: { partId_depotId: { partId, depotId } }, data: settings });
    }
    const levels = await lockLevels(
      tx,
      decisions.map((d) => ({ partId: d.row.data.partId as string, depotId: d.row.data.depotId as string })),
    );
    const moves = new Map<string, number>();
    for (const d of decisions) {
      const key = levelKey(d.row.data.partId as string, d.row.data.depotId as string);
      const counted = d.row.data.onHand;
      const change = typeof counted === 'number' ? counted - levels.get(key)!.onHand : 0;
      if (change !== 0) moves.set(key, change);
      const settingsBefore =
        d.action === 'update'
          ? Object.fromEntries(SETTINGS.filter((k) => k in d.changes).map((k) => [k, d.existing[k] ?? null]))
          : { minQuantity: null, maxQuantity: null, bin: null };
      const before: LevelBefore = { partId: d.row.data.partId as string, depotId: d.row.data.depotId as string, moved: change, settings: settingsBefore };
      out.push({ line: d.row.line, recordId: key, action: d.action === 'create' ? 'created' : 'updated', before });
    }
    await adjust(
      tx,
      [...moves].map(([key, quantity]) => ({ key, quantity, agencyId: levels.get(key)!.agencyId })),
      ctx.auth.sub,
      'Import de stock',
    );
    return out;
  },

  async revert(tx, changes, auth) {
    const befores = changes.map((c) => c.before as unknown as LevelBefore).filter(Boolean);
    const levels = await lockLevels(tx, befores);
    const short = befores.filter(
      (b) => b.moved > 0 && levels.get(levelKey(b.partId, b.depotId))!.onHand < b.moved && !levels.get(levelKey(b.partId, b.depotId))!.allowNegative,
    );
    if (short.length) {
      const l = levels.get(levelKey(short[0]!.partId, short[0]!.depotId))!;
      throw new ImportConflictError(
        `the stock has moved since this import: undoing it would take part ${l.partReference} in ${l.depotName} below zero (${l.onHand} on hand, ${short[0]!.moved} to take back)`,
      );
    }
    await adjust(
      tx,
      befores
        .filter((b) => b.moved !== 0)
        .map((b) => ({ key: levelKey(b.partId, b.depotId), quantity: -b.moved, agencyId: levels.get(levelKey(b.partId, b.depotId))!.agencyId })),
      auth?.sub ?? null,
      "Annulation d'un import de stock",
    );
    for (const b of befores) {
      if (Object.keys(b.settings).length) await tx.stockLevel.update({ where: { partId_depotId: { partId: b.partId, depotId: b.depotId } }, data: b.settings });
    }
  },
};

/** Inventory adjustments, one movement batch (and one ledger entry) per agency. */
async function adjust(tx: Prisma.TransactionClient, moves: { key: string; quantity: number; agencyId: string }[], userId: string | null, label: string) {
  const byAgency = new Map<string, typeof moves>();
  for (const m of moves) byAgency.set(m.agencyId, [...(byAgency.get(m.agencyId) ?? []), m]);
  for (const group of byAgency.values()) {
    await recordMovements(tx, {
      lines: group.map((m) => {
        const [partId, depotId] = m.key.split('|') as [string, string];
        return { partId, depotId, quantity: m.quantity, kind: 'adjustment' as const, reason: label };
      }),
      pieceRef: 'INVENTAIRE',
      label: `Ajustement d'inventaire: ${label}`,
      createdById: userId,
    });
  }
}

export const stockLevels: KindDefinition = {
  kind: 'stockLevels',
  key: 'reference',
  fields: [
    { key: 'partReference', parse: text(60), labels: ['Référence article', 'Code article', 'Article', 'Part reference', 'Part number', 'SKU'] },
    { key: 'partName', parse: text(200), labels: ['Désignation', 'Libellé', 'Part name'] },
    { key: 'agencyCode', parse: text(40), labels: ['Agence', 'Code agence', 'Agency', 'Agency code'] },
    { key: 'depotCode', parse: text(40), labels: ['Dépôt', 'Code dépôt', 'Magasin', 'Depot', 'Depot code', 'Warehouse'] },
    { key: 'depotName', parse: text(200), labels: ['Nom du dépôt', 'Depot name'] },
    {
      key: 'technicianReference',
      parse: text(60),
      labels: ['Matricule technicien', 'Technicien', 'Véhicule', 'Camion', 'Technician', 'Technician reference', 'Van'],
    },
    {
      key: 'onHand',
      column: 'onHand',
      parse: integer(0, 10_000_000),
      labels: ['En stock', 'Quantité', 'Stock', 'Quantité en stock', 'Qté', 'On hand', 'Quantity'],
    },
    { key: 'minQuantity', column: 'minQuantity', parse: integer(0, 10_000_000), labels: ['Minimum', 'Stock minimum', 'Seuil', 'Min', 'Minimum quantity'] },
    { key: 'maxQuantity', column: 'maxQuantity', parse: integer(0, 10_000_000), labels: ['Maximum', 'Stock maximum', 'Max', 'Maximum quantity'] },
    { key: 'bin', column: 'bin', parse: text(60), labels: ['Emplacement', 'Casier', 'Bin', 'Location'] },
  ],
  // Not used: the custom writer finds and writes the levels (a part and a depot make a line's key).
  delegate: (db: Db) => db.stockLevel as unknown as Delegate,
  custom: writer,
  async resolve(rows, db, auth) {
    const refs = new Set(rows.map((r) => r.values.partReference).filter((v): v is string => typeof v === 'string'));
    const parts = refs.size ? await db.part.findMany({ where: { reference: { in: [...refs] } }, select: { id: true, reference: true } }) : [];
    const partId = new Map(parts.map((p) => [p.reference, p.id]));
    const depotCodes = [...new Set(rows.map((r) => r.values.depotCode).filter((v): v is string => typeof v === 'string'))];
    const depots = depotCodes.length
      ? await db.depot.findMany({ where: { code: { in: depotCodes } }, select: { id: true, code: true, agencyId: true, agency: { select: { code: true } } } })
      : [];
    const techRefs = [...new Set(rows.map((r) => r.values.technicianReference).filter((v): v is string => typeof v === 'string'))];
    const techs = techRefs.length
      ? await db.technician.findMany({ where: { reference: { in: techRefs } }, select: { reference: true, van: { select: { id: true, agencyId: true } } } })
      : [];
    const seen = new Map<string, number>();
    for (const row of rows) {
      // The line's key: a part in a location (known only once both resolve).
      (row as { key: string | null }).key = null;
      for (const k of ['onHand', 'minQuantity', 'maxQuantity', 'bin']) if (!(k in row.values)) delete row.data[k];
      const ref = row.values.partReference as string | null | undefined;
      if (typeof ref === 'string') {
        const id = partId.get(ref);
        if (id) row.data.partId = id;
        else refuse(row, 'partReference', 'unknown_reference', `no part with the reference ${ref}`);
      }
      const depot = locate(row, depots, techs, auth);
      if (depot) row.data.depotId = depot;
      if (row.data.partId && row.data.depotId) {
        // Readable in the report: the part's reference at the depot or van as the file names it.
        const key = `${ref} @ ${String(row.values.depotCode ?? row.values.technicianReference)}`;
        const ids = levelKey(row.data.partId as string, row.data.depotId as string);
        const first = seen.get(ids);
        if (first !== undefined) refuse(row, 'partReference', 'duplicate_in_file', `the same part and location are already on line ${first}`);
        else if (row.errors.length === 0) seen.set(ids, row.line);
        (row as { key: string | null }).key = key;
      }
      const min = row.data.minQuantity as number | null | undefined;
      const max = row.data.maxQuantity as number | null | undefined;
      if (typeof min === 'number' && typeof max === 'number' && max < min)
        refuse(row, 'maxQuantity', 'out_of_range', `the maximum (${max}) is below the minimum (${min})`);
      if (row.data.onHand === null) delete row.data.onHand; // an empty quantity: the count is not given, on hand stays
    }
  },
  async dependents() {
    return null;
  },
  async *exportRows(db, auth, agencyId) {
    const agencies = auth.role === 'admin' ? (agencyId ? [agencyId] : null) : agencyId ? [agencyId] : [...auth.agencyIds];
    const where = agencies ? { depot: { agencyId: { in: agencies } } } : {};
    for (let skip = 0; ; skip += PAGE) {
      const page = await db.stockLevel.findMany({
        where,
        include: {
          part: { select: { reference: true, name: true } },
          depot: { select: { code: true, name: true, agency: { select: { code: true } }, technician: { select: { reference: true } } } },
        },
        orderBy: [{ depotId: 'asc' }, { partId: 'asc' }],
        take: PAGE,
        skip,
      });
      for (const l of page) {
        yield {
          fields: {
            partReference: l.part.reference,
            partName: l.part.name,
            agencyCode: l.depot.agency.code,
            depotCode: l.depot.code,
            depotName: l.depot.name,
            technicianReference: l.depot.technician?.reference ?? null,
            onHand: l.onHand,
            minQuantity: l.minQuantity,
            maxQuantity: l.maxQuantity,
            bin: l.bin,
          },
        };
      }
      if (page.length < PAGE) return;
    }
  },
};

type DepotRow = { id: string; code: string; agencyId: string; agency: { code: string } };
type TechRow = { reference: string | null; van: { id: string; agencyId: string } | null };

/** The line's depot: by its code (and agency code), or the technician's van; one of the caller's agencies. */
function locate(row: ImportRow, depots: readonly DepotRow[], techs: readonly TechRow[], auth: Claims): string | null {
  const code = row.values.depotCode as string | null | undefined;
  const techRef = row.values.technicianReference as string | null | undefined;
  const agencyCode = row.values.agencyCode as string | null | undefined;
  let depot: { id: string; agencyId: string };
  let field = 'depotCode';
  if (typeof code === 'string') {
    const matches = depots.filter((d) => d.code === code && (!agencyCode || d.agency.code === agencyCode));
    const mine = matches.filter((d) => inCallersAgencies(auth, d.agencyId));
    if (mine.length > 1) {
      refuse(row, 'depotCode', 'ambiguous', `several agencies have a depot ${code}: add an agency column`);
      return null;
    }
    const found = mine[0] ?? matches[0];
    if (!found) {
      refuse(row, 'depotCode', 'unknown_reference', `no depot ${code}${agencyCode ? ` in agency ${agencyCode}` : ''}`);
      return null;
    }
    depot = found;
  } else if (typeof techRef === 'string') {
    field = 'technicianReference';
    const tech = techs.find((t) => t.reference === techRef);
    if (!tech) {
      refuse(row, field, 'unknown_reference', `no technician with the reference ${techRef}`);
      return null;
    }
    if (!tech.van) {
      refuse(row, field, 'no_van', `technician ${techRef} has no van: create it on the stock screen first`);
      return null;
    }
    depot = tech.van;
  } else {
    refuse(row, 'depotCode', 'required', 'a depot code or a technician (their van) is required');
    return null;
  }
  if (!inCallersAgencies(auth, depot.agencyId)) {
    refuse(row, field, 'not_your_agency', "this depot is another agency's: only that agency or an admin may count it");
    return null;
  }
  return depot.id;
}
