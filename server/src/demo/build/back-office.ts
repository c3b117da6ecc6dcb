// The demo's back office as plain rows and planned stock movements: a parts
// catalogue and its suppliers, a central depot per agency and a van per
// technician, min/max levels, supplier orders (received ones that brought the
// stock in, open ones expected in a few days), the parts today's breakdowns
// need, contract fees, sites' VAT profiles, agencies' billing rates and the
// manufacturers' warranties of recent equipment. Pure, like the rest of the
// build: stock itself is written by the seed through the back office's own
// movement function (on hand = sum of movements), never as levels.
import type { Prisma } from '../../generated/prisma/client.ts';
import { addDays, addMonths, dateFromDay, maxDay, minDay, type Day } from '@tournee/contracts/calendar';
import { AGENCY_RATES, BREAKDOWN_PARTS, CONTRACT_FEES, LOW_PARTS, PARTS, SHORT_PARTS, SUPPLIERS, type PartDef } from '../catalogue/parts.ts';
import type { Category, SkillCode } from '../catalogue/trade.ts';
import { at, type BuildContext } from './context.ts';
import type { Contracts } from './contracts.ts';
import type { Day as DemoDay } from './day.ts';
import type { InstalledBase } from './installed-base.ts';
import type { Organisation } from './organisation.ts';
import type { Workforce } from './workforce.ts';

/** A batch of movements the seed records (one receipt, or one agency's van loading). */
export interface PlannedBatch {
  kind: 'receipt' | 'transfer';
  agencyId: string;
  pieceRef: string;
  label: string;
  occurredAt: Date;
  lines: Array<{
    partId: string;
    depotId: string;
    quantity: number;
    kind: 'receipt' | 'transfer_out' | 'transfer_in';
    supplierOrderLineId?: string;
    reason?: string;
  }>;
}

export interface DemoBackOffice {
  suppliers: Prisma.SupplierCreateManyInput[];
  parts: Prisma.PartCreateManyInput[];
  depots: Prisma.DepotCreateManyInput[];
  /** Min/max settings only: on hand comes from the movements. */
  stockLevels: Array<{ partId: string; depotId: string; minQuantity: number | null; maxQuantity: number | null; bin: string | null }>;
  supplierOrders: Prisma.SupplierOrderCreateManyInput[];
  supplierOrderLines: Prisma.SupplierOrderLineCreateManyInput[];
  batches: PlannedBatch[];
  interventionParts: Prisma.InterventionPartCreateManyInput[];
  contractTerms: Prisma.ContractTermsCreateManyInput[];
  siteVatProfiles: Prisma.SiteVatProfileCreateManyInput[];
  billingSettings: Prisma.BillingSettingsCreateManyInput[];
  warranties: Prisma.WarrantyCreateManyInput[];
  /** Today's breakdowns: their warranty verdict is recorded as when the request was registered. */
  coverageFor: string[];
  /** The instant the demo is built for (the verdicts' decision time). */
  now: Date;
}

/** The short part a breakdown of each trade may need (see SHORT_PARTS). */
const SHORT_PART_OF: ReadonlyArray<{ startsWith: string; part: string }> = [
  { startsWith: 'Unité extérieure prise en glace', part: 'PAC-DETEND-EEV' },
  { startsWith: 'PAC en défaut haute pression', part: 'PAC-DETEND-EEV' },
  { startsWith: 'Fuite d’eau sous la chaudière', part: 'CH-CARTE-PRINC' },
  { startsWith: 'Chaudière en sécurité', part: 'CH-CARTE-PRINC' },
];

const SKILL_OF: Record<Category, SkillCode> = {
  gas_boiler: 'gas_boiler',
  heat_pump: 'heat_pump',
  air_conditioner: 'air_conditioning',
  pool_filtration: 'pool',
  pool_heat_pump: 'pool',
};

const WARRANTY_SUPPLIER: Record<Category, string> = {
  gas_boiler: 'THERMOSUD',
  heat_pump: 'CLIMADIS',
  air_conditioner: 'FRIGOFLU',
  pool_filtration: 'AQUAPRO',
  pool_heat_pump: 'AQUAPRO',
};

export function buildBackOffice(
  ctx: BuildContext,
  org: Organisation,
  workforce: Workforce,
  base: InstalledBase,
  contracts: Contracts,
  day: DemoDay,
): DemoBackOffice {
  const { r, today } = ctx;
  const out: DemoBackOffice = {
    suppliers: [],
    parts: [],
    depots: [],
    stockLevels: [],
    supplierOrders: [],
    supplierOrderLines: [],
    batches: [],
    interventionParts: [],
    contractTerms: [],
    siteVatProfiles: [],
    billingSettings: [],
    warranties: [],
    coverageFor: day.interventions.filter((i) => i.kind === 'corrective' && i.equipmentId).map((i) => i.id!),
    now: ctx.now,
  };

  // ─── Catalogue ───
  const supplierIds = new Map<string, string>();
  for (const s of SUPPLIERS) {
    const id = r.uuid();
    supplierIds.set(s.code, id);
    out.suppliers.push({ id, code: s.code, name: s.name, email: s.email, phone: s.phone, accountNumber: `401${s.code.slice(0, 5)}` });
  }
  const partIds = new Map<string, string>();
  for (const p of PARTS) {
    const id = r.uuid();
    partIds.set(p.reference, id);
    out.parts.push({
      id,
      reference: p.reference,
      name: p.name,
      unitCostCents: p.costCents,
      unitPriceCents: p.priceCents,
      preferredSupplierId: supplierIds.get(p.supplier)!,
      energyEfficient: p.energyEfficient ?? false,
    });
  }
  const partOf = (reference: string) => partIds.get(reference)!;

  // ─── Depots, levels, stock ───
  const centralOf = new Map<string, string>();
  let orderNumber = 0;
  for (const agency of org.built) {
    const code = agency.def.code;
    const centralId = r.uuid();
    centralOf.set(agency.id, centralId);
    out.depots.push({ id: centralId, agencyId: agency.id, code: `${code}-CENTRAL`, name: `Dépôt central ${agency.def.city}`, kind: 'central' });
    PARTS.forEach((p, i) => {
      out.stockLevels.push({
        partId: partOf(p.reference),
        depotId: centralId,
        minQuantity: p.min,
        maxQuantity: p.max,
        bin: `${String.fromCharCode(65 + Math.floor(i / 8))}${(i % 8) + 1}`,
      });
    });

    // Vans: the parts of the technician's trades, loaded from the central depot.
    const loaded = new Map<string, number>();
    const transfer: PlannedBatch = {
      kind: 'transfer',
      agencyId: agency.id,
      pieceRef: 'TRANSFERT',
      label: 'Chargement des fourgons',
      occurredAt: at(addDays(today, -3), 7 * 60 + 30),
      lines: [],
    };
    for (const t of workforce.built.filter((w) => w.agency === agency)) {
      const vanId = r.uuid();
      out.depots.push({
        id: vanId,
        agencyId: agency.id,
        code: `VAN-${String(t.number).padStart(2, '0')}`,
        name: `Fourgon ${t.firstName} ${t.lastName}`,
        kind: 'van',
        technicianId: t.id,
      });
      for (const p of PARTS) {
        if (!p.van) continue;
        if (p.category !== null && !(SKILL_OF[p.category] in t.skills)) continue;
        const [min, max] = p.van;
        out.stockLevels.push({ partId: partOf(p.reference), depotId: vanId, minQuantity: min, maxQuantity: max, bin: null });
        // A van in four is not restocked yet: below its minimum.
        const quantity = min > 0 && r.chance(0.25) ? min - 1 : max;
        if (quantity <= 0) continue;
        transfer.lines.push(
          { partId: partOf(p.reference), depotId: centralId, quantity: -quantity, kind: 'transfer_out', reason: 'Réassort fourgon' },
          { partId: partOf(p.reference), depotId: vanId, quantity, kind: 'transfer_in', reason: 'Réassort fourgon' },
        );
        loaded.set(p.reference, (loaded.get(p.reference) ?? 0) + quantity);
      }
    }

    // Received supplier orders: what stays in the central depot plus what went into the vans.
    const want = (p: PartDef): number => {
      const vans = loaded.get(p.reference) ?? 0;
      if (SHORT_PARTS.includes(p.reference)) return vans;
      if (LOW_PARTS.includes(p.reference)) return vans + Math.max(1, p.min - 1);
      return vans + p.max - r.between(0, Math.floor((p.max - p.min) / 2));
    };
    // One batch records the agency's receipts of the month (one journal entry for them all).
    const firstOrder = orderNumber + 1;
    const receipt: PlannedBatch = { kind: 'receipt', agencyId: agency.id, pieceRef: '', label: '', occurredAt: at(addDays(today, -5), 9 * 60), lines: [] };
    for (const s of SUPPLIERS) {
      const lines = PARTS.filter((p) => p.supplier === s.code)
        .map((p) => ({ p, quantity: want(p) }))
        .filter((l) => l.quantity > 0);
      if (lines.length === 0) continue;
      const orderedOn = addDays(today, -r.between(12, 20));
      const receivedOn = minDay(addDays(orderedOn, s.leadDays), addDays(today, -5));
      const orderId = r.uuid();
      const reference = `CF-${code}-${String(++orderNumber).padStart(4, '0')}`;
      out.supplierOrders.push({
        id: orderId,
        supplierId: supplierIds.get(s.code)!,
        depotId: centralId,
        reference,
        status: 'received',
        orderedOn: dateFromDay(orderedOn),
        expectedOn: dateFromDay(receivedOn),
        notes: 'Réassort mensuel',
      });
      for (const l of lines) {
        const lineId = r.uuid();
        out.supplierOrderLines.push({
          id: lineId,
          orderId,
          partId: partOf(l.p.reference),
          quantity: l.quantity,
          receivedQuantity: l.quantity,
          unitCostCents: l.p.costCents,
        });
        receipt.lines.push({ partId: partOf(l.p.reference), depotId: centralId, quantity: l.quantity, kind: 'receipt', supplierOrderLineId: lineId });
      }
    }
    // A pool order delivered in part: the rest is expected in two days.
    const pool = SUPPLIERS.find((x) => x.code === 'AQUAPRO')!;
    const partialId = r.uuid();
    out.supplierOrders.push({
      id: partialId,
      supplierId: supplierIds.get(pool.code)!,
      depotId: centralId,
      reference: `CF-${code}-${String(++orderNumber).padStart(4, '0')}`,
      status: 'partially_received',
      orderedOn: dateFromDay(addDays(today, -8)),
      expectedOn: dateFromDay(addDays(today, 2)),
      notes: 'Reliquat en attente',
    });
    for (const [reference, quantity, received] of [
      ['PIS-CART-FILT', 8, 0],
      ['PIS-GARN-MEC', 6, 2],
    ] as const) {
      const def = PARTS.find((p) => p.reference === reference)!;
      const lineId = r.uuid();
      out.supplierOrderLines.push({
        id: lineId,
        orderId: partialId,
        partId: partOf(reference),
        quantity,
        receivedQuantity: received,
        unitCostCents: def.costCents,
      });
      if (received > 0) receipt.lines.push({ partId: partOf(reference), depotId: centralId, quantity: received, kind: 'receipt', supplierOrderLineId: lineId });
    }
    const first = `CF-${code}-${String(firstOrder).padStart(4, '0')}`;
    const last = `CF-${code}-${String(orderNumber).padStart(4, '0')}`;
    receipt.pieceRef = `${first}/${last.slice(-4)}`;
    receipt.label = `Réception des commandes ${first} à ${last}`;
    if (receipt.lines.length) out.batches.push(receipt);
    if (transfer.lines.length) out.batches.push(transfer);

    // Open orders: the first short part is on its way; a draft waits to be sent.
    const [awaited] = SHORT_PARTS;
    const awaitedDef = PARTS.find((p) => p.reference === awaited)!;
    const supplier = SUPPLIERS.find((s) => s.code === awaitedDef.supplier)!;
    const openId = r.uuid();
    out.supplierOrders.push({
      id: openId,
      supplierId: supplierIds.get(supplier.code)!,
      depotId: centralId,
      reference: `CF-${code}-${String(++orderNumber).padStart(4, '0')}`,
      status: 'ordered',
      orderedOn: dateFromDay(addDays(today, -1)),
      expectedOn: dateFromDay(addDays(today, supplier.leadDays)),
      notes: 'Commande urgente',
    });
    out.supplierOrderLines.push({
      id: r.uuid(),
      orderId: openId,
      partId: partOf(awaitedDef.reference),
      quantity: awaitedDef.max,
      receivedQuantity: 0,
      unitCostCents: awaitedDef.costCents,
    });
    const draftPart = PARTS.find((p) => p.reference === 'FLU-R410A-10KG')!;
    const draftId = r.uuid();
    out.supplierOrders.push({
      id: draftId,
      supplierId: supplierIds.get(draftPart.supplier)!,
      depotId: centralId,
      reference: `CF-${code}-${String(++orderNumber).padStart(4, '0')}`,
      status: 'draft',
      notes: 'À valider',
    });
    out.supplierOrderLines.push({
      id: r.uuid(),
      orderId: draftId,
      partId: partOf(draftPart.reference),
      quantity: 2,
      receivedQuantity: 0,
      unitCostCents: draftPart.costCents,
    });

    const rates = AGENCY_RATES[code] ?? { labour: 6_500, travel: 4_500 };
    out.billingSettings.push({
      agencyId: agency.id,
      labourHourlyRateCents: rates.labour,
      travelFlatCents: rates.travel,
      paymentTermsDays: 30,
      quoteValidityDays: 30,
    });
  }

  // ─── Parts today's breakdowns and installations need ───
  for (const i of day.interventions) {
    const needs = BREAKDOWN_PARTS.find((b) => i.problemDescription?.startsWith(b.startsWith));
    if (!needs) continue;
    for (const [reference, quantity] of needs.parts) out.interventionParts.push({ interventionId: i.id!, partId: partOf(reference), quantity });
  }
  // Every agency has at least one visit waiting for a part out of stock (the
  // planner leaves it out as `parts_unavailable`): the least urgent heat-pump
  // or boiler breakdown also needs the short part of its trade.
  const shortIds = new Set(SHORT_PARTS.map(partOf));
  for (const agency of org.built) {
    const mine = day.interventions.filter((i) => i.agencyId === agency.id);
    const needsShort = (id: string) => out.interventionParts.some((p) => p.interventionId === id && shortIds.has(p.partId));
    if (mine.some((i) => needsShort(i.id!))) continue;
    const candidates = mine
      .map((i) => ({ i, part: SHORT_PART_OF.find((s) => i.problemDescription?.startsWith(s.startsWith))?.part }))
      .filter((c): c is { i: (typeof mine)[number]; part: string } => c.part !== undefined)
      .sort((a, b) => (a.i.priority ?? 0) - (b.i.priority ?? 0));
    const chosen = candidates[0];
    if (chosen) out.interventionParts.push({ interventionId: chosen.i.id!, partId: partOf(chosen.part), quantity: 1 });
  }

  // ─── Contract fees: periods start on the contract's anniversary ───
  const contractInfo = new Map<string, { agencyId: string; fee: number }>();
  for (const plan of contracts.built) {
    const info = contractInfo.get(plan.contractId) ?? { agencyId: plan.site.agency.id, fee: 0 };
    info.fee += CONTRACT_FEES[plan.equipment.category];
    contractInfo.set(plan.contractId, info);
  }
  for (const c of contracts.contracts) {
    const info = contractInfo.get(c.id!);
    if (!info) continue;
    const startsOn = (c.startsOn as Date).toISOString().slice(0, 10);
    // The next anniversary from three weeks ago: a few contracts are due for invoicing now.
    let next: Day = startsOn;
    const from = addDays(today, -21);
    while (next < from) next = addMonths(next, 12);
    const allInclusive = r.chance(0.3);
    out.contractTerms.push({
      contractId: c.id!,
      agencyId: info.agencyId,
      feeCents: Math.round((info.fee * (allInclusive ? 1.6 : 1)) / 100) * 100,
      periodMonths: 12,
      nextPeriodStart: dateFromDay(next),
      labourPercent: allInclusive ? 100 : 0,
      partsPercent: allInclusive ? 100 : 0,
      travelPercent: 100,
      budgetCents: allInclusive ? 150_000 : null,
    });
  }

  // ─── Sites' VAT profiles ───
  for (const site of base.built) {
    if (site.business) {
      out.siteVatProfiles.push({ siteId: site.id, premises: 'business' });
      continue;
    }
    const recent = r.chance(0.08);
    const completedOn = recent
      ? addDays(today, -r.between(150, 650))
      : `${r.between(1962, 2018)}-${String(r.between(1, 12)).padStart(2, '0')}-${String(r.between(1, 28)).padStart(2, '0')}`;
    const attested = !recent && r.chance(0.75);
    out.siteVatProfiles.push({
      siteId: site.id,
      premises: 'housing',
      completedOn: dateFromDay(completedOn),
      attestationReceivedOn: attested ? dateFromDay(addDays(today, -r.between(20, 900))) : null,
    });
  }

  // ─── Manufacturers' warranties of recent equipment ───
  const recentFrom = addDays(today, -3 * 365);
  for (const site of base.built) {
    for (const e of site.equipment) {
      if (e.installedOn < recentFrom) continue;
      const years = e.category === 'heat_pump' ? 3 : 2;
      const endsOn = addDays(addMonths(e.installedOn, 12 * years), -1);
      if (endsOn < addDays(today, -180)) continue;
      out.warranties.push({
        id: r.uuid(),
        equipmentId: e.id,
        kind: 'manufacturer',
        origin: 'sale',
        supplierId: supplierIds.get(WARRANTY_SUPPLIER[e.category])!,
        startsOn: dateFromDay(e.installedOn),
        endsOn: dateFromDay(maxDay(endsOn, e.installedOn)),
        labourPercent: 0,
        partsPercent: 100,
        travelPercent: 0,
        notes: `Garantie constructeur ${years} ans pièces`,
      });
    }
  }
  return out;
}
