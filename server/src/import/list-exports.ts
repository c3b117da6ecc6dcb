// The back office's other lists as CSV or XLSX (issue 13): billing documents
// (with their totals and what remains due), payments, warranty claims (with
// their stage), stock movements, supplier orders, shortages and the overdue
// visits — each with the filters its screen uses, in French columns, written by
// the export writer (export.ts: CSV with ; and decimal commas, XLSX with typed
// cells, amounts as euros). The caller's agencies are applied here, as the
// lists' routes apply them; the route (http/routes/list-exports.ts) has checked
// the records its filters name.
import type { Writable } from 'node:stream';
import { localDay, zonedInstant } from '@tournee/contracts/zoned-time';
import type { Claims } from '../auth/tokens.ts';
import { BOOKS_TIME_ZONE, booksDay, dateOf } from '../back-office/days.ts';
import { loadProjections, shortages } from '../back-office/stock/projection.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { overdueVisits } from '../service-plans/overdue.ts';
import { type Column, type ExportFormat, writeCsv, writeXlsx } from './export.ts';
import type { ExportRow } from './kinds/kind.ts';
import { STATUS as VISIT_STATUS } from './day-export.ts';

export const LIST_EXPORTS = ['billing-documents', 'payments', 'warranty-claims', 'stock-movements', 'supplier-orders', 'shortages', 'overdue-visits'] as const;
export type ListExport = (typeof LIST_EXPORTS)[number];

/** The filters, as the route parsed them (days as YYYY-MM-DD). */
export interface ListFilters {
  readonly agencyId?: string | undefined;
  readonly kind?: string | undefined;
  readonly status?: string | undefined;
  readonly customerId?: string | undefined;
  readonly supplierId?: string | undefined;
  readonly depotId?: string | undefined;
  readonly partId?: string | undefined;
  readonly method?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly horizonDays?: number | undefined;
  /** Supplier orders: the open ones only (draft, ordered, partly received), as the Stock screen's « En cours » box. */
  readonly open?: boolean | undefined;
  /** Shortages: central depots or vans only. */
  readonly depotKind?: 'central' | 'van' | undefined;
  /** The overdue list's day (default: today in Europe/Paris). */
  readonly today?: string | undefined;
}

interface Source {
  readonly sheet: string;
  readonly columns: readonly Column[];
  readonly rows: AsyncGenerator<ExportRow>;
}

const PAGE = 500;

// ─── French words for stored codes (the back office's own, ui/src/i18n/fr.ts).

export const WORDS = {
  documentKind: { quote: 'Devis', invoice: 'Facture', credit_note: 'Avoir' } as Record<string, string>,
  documentStatus: { draft: 'Brouillon', issued: 'Émis', accepted: 'Accepté', declined: 'Refusé' } as Record<string, string>,
  balance: { unpaid: 'Non payée', partially_paid: 'Partiellement payée', paid: 'Payée', credited: 'Créditée' } as Record<string, string>,
  method: { transfer: 'Virement', card: 'Carte', cheque: 'Chèque', cash: 'Espèces', direct_debit: 'Prélèvement' } as Record<string, string>,
  claimStatus: { draft: 'Brouillon', submitted: 'Envoyée', accepted: 'Acceptée', refused: 'Refusée', credited: 'Avoir reçu', closed: 'Close' } as Record<
    string,
    string
  >,
  claimKind: { repair: 'Réparation', part: 'Pièce', exchange: 'Échange' } as Record<string, string>,
  movementKind: {
    receipt: 'Réception',
    consumption: 'Consommation',
    transfer_out: 'Transfert sortant',
    transfer_in: 'Transfert entrant',
    return: 'Retour',
    adjustment: 'Ajustement d’inventaire',
    sale: 'Vente',
  } as Record<string, string>,
  orderStatus: { draft: 'Brouillon', ordered: 'Commandée', partially_received: 'Reçue en partie', received: 'Reçue', cancelled: 'Annulée' } as Record<
    string,
    string
  >,
  category: {
    heat_pump: 'Pompe à chaleur',
    gas_boiler: 'Chaudière gaz',
    boiler: 'Chaudière',
    air_conditioner: 'Climatiseur',
    pool_filtration: 'Filtration de piscine',
    pool_heat_pump: 'Pompe à chaleur de piscine',
    water_heater: 'Chauffe-eau',
    ventilation: 'Ventilation (VMC)',
  } as Record<string, string>,
  counter: {
    operating_hours: 'Heures de fonctionnement',
    start_cycles: 'Cycles de démarrage',
    compressor_hours: 'Heures compresseur',
    compressor_starts: 'Démarrages compresseur',
    burner_hours: 'Heures brûleur',
    burner_starts: 'Démarrages brûleur',
    energy_delivered: 'Énergie fournie',
    water_volume: 'Volume d’eau',
  } as Record<string, string>,
};

const word = (table: Record<string, string>, code: string | null | undefined): string | null => (code ? (table[code] ?? code) : null);
/** A code of the company's own (an equipment category, a manufacturer's counter) in words: the usual ones named, others humanised. */
const named = (table: Record<string, string>, code: string): string => table[code] ?? code.charAt(0).toUpperCase() + code.slice(1).replace(/[_-]+/g, ' ');
/** « Pompe à chaleur Atlantic Alfea » (the equipment's category, brand and model). */
const equipmentName = (e: { category: string | null; brand: string | null; model: string | null }): string | null =>
  [e.category ? named(WORDS.category, e.category) : null, e.brand, e.model].filter(Boolean).join(' ') || null;
const euros = (cents: number | null | undefined): number | null => (cents === null || cents === undefined ? null : cents / 100);
const col = (header: string, key: string, format?: 'euros'): Column => ({ header, get: (r) => r.fields[key], ...(format ? { format } : {}) });

/** 08/12/2026 14:05, in Paris time (the books' time zone). */
function dateTime(at: Date): string {
  const day = localDay(at, BOOKS_TIME_ZONE);
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone: BOOKS_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)} ${time}`;
}

/** Agencies the caller reaches, narrowed to the filter's: undefined = all (admin, no filter). */
function agencies(auth: Claims, filters: ListFilters): string[] | undefined {
  if (filters.agencyId) return [filters.agencyId];
  return auth.role === 'admin' ? undefined : [...auth.agencyIds];
}
const inAgencies = (ids: string[] | undefined) => (ids ? { agencyId: { in: ids } } : {});

/** A day range on a date column: from and to both included. */
function dayRange(filters: ListFilters): { gte?: Date; lte?: Date } | undefined {
  if (!filters.from && !filters.to) return undefined;
  return { ...(filters.from ? { gte: dateOf(filters.from) } : {}), ...(filters.to ? { lte: dateOf(filters.to) } : {}) };
}

async function* paged<T extends { id: string }>(read: (cursor: string | undefined) => Promise<T[]>, map: (page: T[]) => Promise<ExportRow[]> | ExportRow[]) {
  let cursor: string | undefined;
  for (;;) {
    const page = await read(cursor);
    for (const row of await map(page)) yield row;
    if (page.length < PAGE) return;
    cursor = page[page.length - 1]!.id;
  }
}
const after = (cursor: string | undefined): { skip?: number; cursor?: { id: string } } => (cursor ? { skip: 1, cursor: { id: cursor } } : {});

// ─── Billing documents: the list's order (newest first), totals, and for issued invoices what remains due.

function billingDocuments(db: PrismaClient, auth: Claims, f: ListFilters): Source {
  const issuedOn = dayRange(f);
  const where: Prisma.BillingDocumentWhereInput = {
    ...inAgencies(agencies(auth, f)),
    ...(f.kind ? { kind: f.kind as never } : {}),
    ...(f.status ? { status: f.status as never } : {}),
    ...(f.customerId ? { customerId: f.customerId } : {}),
    ...(issuedOn ? { issuedOn } : {}),
  };
  const columns = [
    col('Numéro', 'number'),
    col('Type', 'kind'),
    col('Statut', 'status'),
    col('Agence', 'agency'),
    col('Client', 'customer'),
    col('Référence client', 'customerReference'),
    col('Date d’émission', 'issuedOn'),
    col('Échéance', 'dueOn'),
    col('Montant HT', 'net', 'euros'),
    col('TVA', 'vat', 'euros'),
    col('Montant TTC', 'total', 'euros'),
    col('Avoirs', 'credited', 'euros'),
    col('Payé', 'paid', 'euros'),
    col('Reste dû', 'due', 'euros'),
    col('Règlement', 'balance'),
    col('Facture d’origine', 'creditedInvoice'),
  ];
  const rows = paged(
    (cursor) =>
      db.billingDocument.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: PAGE,
        ...after(cursor),
        include: { agency: { select: { code: true } }, creditedInvoice: { select: { number: true } } },
      }),
    async (page) => {
      const invoices = page.filter((d) => d.kind === 'invoice' && d.status !== 'draft').map((d) => d.id);
      const [credits, payments] = invoices.length
        ? await Promise.all([
            db.billingDocument.groupBy({
              by: ['creditedInvoiceId'],
              where: { creditedInvoiceId: { in: invoices }, status: 'issued' },
              _sum: { totalCents: true },
            }),
            db.payment.groupBy({ by: ['invoiceId'], where: { invoiceId: { in: invoices } }, _sum: { amountCents: true } }),
          ])
        : [[], []];
      const credited = new Map(credits.map((c) => [c.creditedInvoiceId, c._sum.totalCents ?? 0]));
      const paid = new Map(payments.map((p) => [p.invoiceId, p._sum.amountCents ?? 0]));
      return page.map((d) => {
        const isInvoice = invoices.includes(d.id);
        const c = credited.get(d.id) ?? 0;
        const p = paid.get(d.id) ?? 0;
        const due = d.totalCents - c - p;
        // As invoiceBalance (back-office/billing/balance.ts) says it.
        const balance = c >= d.totalCents ? 'credited' : due <= 0 ? 'paid' : p > 0 || c > 0 ? 'partially_paid' : 'unpaid';
        return {
          fields: {
            number: d.number,
            kind: word(WORDS.documentKind, d.kind),
            status: word(WORDS.documentStatus, d.status),
            agency: d.agency.code,
            customer: d.customerName,
            customerReference: d.customerReference,
            issuedOn: d.issuedOn,
            dueOn: d.kind === 'quote' ? d.validUntil : d.dueOn,
            net: euros(d.netCents),
            vat: euros(d.vatCents),
            total: euros(d.totalCents),
            credited: isInvoice ? euros(c) : null,
            paid: isInvoice ? euros(p) : null,
            due: isInvoice ? euros(due) : null,
            balance: isInvoice ? word(WORDS.balance, balance) : null,
            creditedInvoice: d.creditedInvoice?.number ?? null,
          },
        };
      });
    },
  );
  return { sheet: f.kind === 'invoice' ? 'Factures' : f.kind === 'quote' ? 'Devis' : f.kind === 'credit_note' ? 'Avoirs' : 'Documents', columns, rows };
}

// ─── Payments: received on a day of the period, newest first.

function payments(db: PrismaClient, auth: Claims, f: ListFilters): Source {
  const receivedOn = dayRange(f);
  const where: Prisma.PaymentWhereInput = {
    invoice: { ...inAgencies(agencies(auth, f)), ...(f.customerId ? { customerId: f.customerId } : {}) },
    ...(f.method ? { method: f.method as never } : {}),
    ...(receivedOn ? { receivedOn } : {}),
  };
  const columns = [
    col('Date', 'receivedOn'),
    col('Facture', 'invoice'),
    col('Client', 'customer'),
    col('Agence', 'agency'),
    col('Mode', 'method'),
    col('Référence', 'reference'),
    col('Montant', 'amount', 'euros'),
  ];
  const rows = paged(
    (cursor) =>
      db.payment.findMany({
        where,
        orderBy: [{ receivedOn: 'desc' }, { id: 'desc' }],
        take: PAGE,
        ...after(cursor),
        include: { invoice: { select: { number: true, customerName: true, agency: { select: { code: true } } } } },
      }),
    (page) =>
      page.map((p) => ({
        fields: {
          receivedOn: p.receivedOn,
          invoice: p.invoice.number,
          customer: p.invoice.customerName,
          agency: p.invoice.agency.code,
          method: word(WORDS.method, p.method),
          reference: p.reference,
          amount: euros(p.amountCents),
        },
      })),
  );
  return { sheet: 'Paiements', columns, rows };
}

// ─── Warranty claims, newest first, with their stage.

function warrantyClaims(db: PrismaClient, auth: Claims, f: ListFilters): Source {
  const where: Prisma.WarrantyClaimWhereInput = {
    ...inAgencies(agencies(auth, f)),
    ...(f.supplierId ? { supplierId: f.supplierId } : {}),
    ...(f.status ? { status: f.status as never } : {}),
  };
  const columns = [
    col('Référence', 'reference'),
    col('Étape', 'status'),
    col('Type', 'kind'),
    col('Agence', 'agency'),
    col('Fournisseur', 'supplier'),
    col('Référence fournisseur', 'supplierReference'),
    col('Équipement', 'equipment'),
    col('Facture', 'invoice'),
    col('Montant attendu', 'expected', 'euros'),
    col('Avoir reçu', 'received', 'euros'),
    col('Référence de l’avoir', 'creditNote'),
    col('Créée le', 'createdOn'),
    col('Envoyée le', 'submittedOn'),
    col('Réponse le', 'answeredOn'),
    col('Avoir le', 'creditedOn'),
  ];
  const rows = paged(
    (cursor) =>
      db.warrantyClaim.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: PAGE,
        ...after(cursor),
        include: {
          agency: { select: { code: true } },
          supplier: { select: { name: true } },
          equipment: { select: { reference: true, brand: true, model: true, category: true } },
          invoice: { select: { number: true } },
        },
      }),
    (page) =>
      page.map((c) => ({
        fields: {
          reference: c.reference,
          status: word(WORDS.claimStatus, c.status),
          kind: word(WORDS.claimKind, c.kind),
          agency: c.agency.code,
          supplier: c.supplier.name,
          supplierReference: c.supplierReference,
          equipment: c.equipment ? (c.equipment.reference ?? equipmentName(c.equipment)) : null,
          invoice: c.invoice?.number ?? null,
          expected: euros(c.expectedCreditCents),
          received: euros(c.receivedCreditCents),
          creditNote: c.creditNoteReference,
          createdOn: dateOf(booksDay(c.createdAt)),
          submittedOn: c.submittedOn,
          answeredOn: c.answeredOn,
          creditedOn: c.creditedOn,
        },
      })),
  );
  return { sheet: 'Demandes de garantie', columns, rows };
}

// ─── Stock movements, newest first; the period in Paris days.

function stockMovements(db: PrismaClient, auth: Claims, f: ListFilters): Source {
  const ids = agencies(auth, f);
  const where: Prisma.StockMovementWhereInput = {
    depot: inAgencies(ids),
    ...(f.depotId ? { depotId: f.depotId } : {}),
    ...(f.partId ? { partId: f.partId } : {}),
    ...(f.kind ? { kind: f.kind as never } : {}),
    ...(f.from || f.to
      ? {
          occurredAt: {
            ...(f.from ? { gte: zonedInstant(f.from, 0, BOOKS_TIME_ZONE) } : {}),
            ...(f.to ? { lt: zonedInstant(f.to, 24 * 60, BOOKS_TIME_ZONE) } : {}),
          },
        }
      : {}),
  };
  const columns = [
    col('Date', 'occurredAt'),
    col('Type', 'kind'),
    col('Article', 'part'),
    col('Désignation', 'partName'),
    col('Dépôt', 'depot'),
    col('Quantité', 'quantity'),
    col('Coût unitaire', 'unitCost', 'euros'),
    col('Valeur', 'value', 'euros'),
    col('Commande fournisseur', 'supplierOrder'),
    col('Intervention', 'intervention'),
    col('Motif', 'reason'),
  ];
  const rows = paged(
    (cursor) =>
      db.stockMovement.findMany({
        where,
        orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
        take: PAGE,
        ...after(cursor),
        include: {
          part: { select: { reference: true, name: true } },
          depot: { select: { name: true } },
          intervention: { select: { reference: true } },
          supplierOrderLine: { select: { order: { select: { reference: true } } } },
        },
      }),
    (page) =>
      page.map((m) => ({
        fields: {
          occurredAt: dateTime(m.occurredAt),
          kind: word(WORDS.movementKind, m.kind),
          part: m.part.reference,
          partName: m.part.name,
          depot: m.depot.name,
          quantity: m.quantity,
          unitCost: euros(m.unitCostCents),
          value: euros(m.quantity * m.unitCostCents),
          supplierOrder: m.supplierOrderLine?.order.reference ?? null,
          intervention: m.intervention?.reference ?? null,
          reason: m.reason,
        },
      })),
  );
  return { sheet: 'Mouvements de stock', columns, rows };
}

// ─── Supplier orders, newest first: one line per order, quantities and amount summed.

function supplierOrders(db: PrismaClient, auth: Claims, f: ListFilters): Source {
  const where: Prisma.SupplierOrderWhereInput = {
    depot: inAgencies(agencies(auth, f)),
    ...(f.supplierId ? { supplierId: f.supplierId } : {}),
    ...(f.depotId ? { depotId: f.depotId } : {}),
    ...(f.status ? { status: f.status as never } : f.open ? { status: { in: ['draft', 'ordered', 'partially_received'] as never[] } } : {}),
  };
  const columns = [
    col('Référence', 'reference'),
    col('Statut', 'status'),
    col('Fournisseur', 'supplier'),
    col('Dépôt', 'depot'),
    col('Commandée le', 'orderedOn'),
    col('Attendue le', 'expectedOn'),
    col('Lignes', 'lines'),
    col('Quantité commandée', 'ordered'),
    col('Quantité reçue', 'received'),
    col('Montant HT', 'amount', 'euros'),
  ];
  const rows = paged(
    (cursor) =>
      db.supplierOrder.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: PAGE,
        ...after(cursor),
        include: { supplier: { select: { name: true } }, depot: { select: { name: true } }, lines: true },
      }),
    (page) =>
      page.map((o) => ({
        fields: {
          reference: o.reference,
          status: word(WORDS.orderStatus, o.status),
          supplier: o.supplier.name,
          depot: o.depot.name,
          orderedOn: o.orderedOn,
          expectedOn: o.expectedOn,
          lines: o.lines.length,
          ordered: o.lines.reduce((n, l) => n + l.quantity, 0),
          received: o.lines.reduce((n, l) => n + l.receivedQuantity, 0),
          amount: euros(o.lines.reduce((n, l) => n + l.quantity * l.unitCostCents, 0)),
        },
      })),
  );
  return { sheet: 'Commandes fournisseurs', columns, rows };
}

// ─── Shortages: the projection's, with the preferred supplier to order from.

function shortageList(db: PrismaClient, auth: Claims, f: ListFilters, now: Date): Source {
  const columns = [
    col('Article', 'part'),
    col('Désignation', 'partName'),
    col('Dépôt', 'depot'),
    col('Minimum', 'min'),
    col('Maximum', 'max'),
    col('Plus bas prévu', 'lowest'),
    col('Le', 'lowestOn'),
    col('Stock en fin d’horizon', 'projected'),
    col('À commander', 'suggested'),
    col('Coût estimé', 'cost', 'euros'),
    col('Fournisseur', 'supplier'),
  ];
  async function* rows(): AsyncGenerator<ExportRow> {
    const answer = shortages(
      await loadProjections(db, { agencyIds: agencies(auth, f), depotId: f.depotId, today: booksDay(now), horizonDays: f.horizonDays ?? 30 }),
    );
    const supplierOf = new Map(answer.suggestions.flatMap((s) => s.lines.map((l) => [`${l.partId}/${l.depotId}`, s.supplierId] as const)));
    const ids = [...new Set([...supplierOf.values()].filter((id): id is string => id !== null))];
    const names = new Map((await db.supplier.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
    const ofKind = f.depotKind
      ? new Set(
          (await db.depot.findMany({ where: { kind: f.depotKind, id: { in: answer.shortages.map((s) => s.depotId) } }, select: { id: true } })).map(
            (d) => d.id,
          ),
        )
      : null;
    for (const s of answer.shortages) {
      if (ofKind && !ofKind.has(s.depotId)) continue;
      const supplierId = supplierOf.get(`${s.partId}/${s.depotId}`);
      yield {
        fields: {
          part: s.partReference,
          partName: s.partName,
          depot: s.depotName,
          min: s.minQuantity,
          max: s.maxQuantity,
          lowest: s.lowest.quantity,
          lowestOn: dateOf(s.lowest.on),
          projected: s.projected,
          suggested: s.suggestedQuantity,
          cost: euros(s.estimatedCostCents),
          supplier: supplierId ? (names.get(supplierId) ?? null) : null,
        },
      };
    }
  }
  return { sheet: 'Ruptures', columns, rows: rows() };
}

// ─── Overdue visits (« En retard »): the list's order, why each is due and how late.

function overdueList(db: PrismaClient, auth: Claims, f: ListFilters, now: Date): Source {
  const columns = [
    col('Client', 'customer'),
    col('Téléphone', 'phone'),
    col('Adresse', 'address'),
    col('Code postal', 'postcode'),
    col('Ville', 'city'),
    col('Contrat', 'contract'),
    col('Entretien', 'plan'),
    col('Équipement', 'equipment'),
    col('Prévue le', 'dueOn'),
    col('Jours de retard', 'daysOverdue'),
    col('Compteur', 'counter'),
    col('Relevé', 'reading'),
    col('Seuil', 'threshold'),
    col('Visite', 'visit'),
  ];
  async function* rows(): AsyncGenerator<ExportRow> {
    const ids = agencies(auth, f);
    const list = await overdueVisits(db, {
      today: f.today ?? localDay(now, BOOKS_TIME_ZONE),
      ...(ids ? { agencyIds: ids } : {}),
      ...(f.customerId ? { customerId: f.customerId } : {}),
      limit: 10_000,
    });
    for (const v of list) {
      yield {
        fields: {
          customer: v.customerName,
          phone: v.customerPhone,
          address: v.address,
          postcode: v.postcode,
          city: v.city,
          contract: v.contractReference,
          plan: v.planName,
          equipment: equipmentName({ category: v.equipmentCategory, brand: v.equipmentBrand, model: v.equipmentModel }),
          dueOn: v.dueOn ? dateOf(v.dueOn) : null,
          daysOverdue: v.trigger === 'usage_counter' ? null : v.daysOverdue,
          counter: v.counterName ? named(WORDS.counter, v.counterName) : null,
          reading: v.trigger === 'usage_counter' ? v.counterReading : null,
          threshold: v.trigger === 'usage_counter' ? v.dueCounter : null,
          visit: v.openInterventionStatus ? (VISIT_STATUS[v.openInterventionStatus] ?? v.openInterventionStatus) : 'À créer',
        },
      };
    }
  }
  return { sheet: 'Visites en retard', columns, rows: rows() };
}

const FILE_NAMES: Record<ListExport, string> = {
  'billing-documents': 'devis-factures-avoirs',
  payments: 'paiements',
  'warranty-claims': 'demandes-de-garantie',
  'stock-movements': 'mouvements-de-stock',
  'supplier-orders': 'commandes-fournisseurs',
  shortages: 'ruptures',
  'overdue-visits': 'visites-en-retard',
};
const DOCUMENT_FILE_NAMES: Record<string, string> = { quote: 'devis', invoice: 'factures', credit_note: 'avoirs' };

/** e.g. factures-2026-12-08.xlsx (the day in Paris). */
export function listExportFileName(list: ListExport, filters: ListFilters, format: ExportFormat, now: Date): string {
  const name = list === 'billing-documents' && filters.kind ? DOCUMENT_FILE_NAMES[filters.kind]! : FILE_NAMES[list];
  return `${name}-${localDay(now, BOOKS_TIME_ZONE)}.${format}`;
}

export async function writeListExport(
  db: PrismaClient,
  auth: Claims,
  list: ListExport,
  filters: ListFilters,
  format: ExportFormat,
  out: Writable,
  now: Date = new Date(),
): Promise<void> {
  const source =
    list === 'billing-documents'
      ? billingDocuments(db, auth, filters)
      : list === 'payments'
        ? payments(db, auth, filters)
        : list === 'warranty-claims'
          ? warrantyClaims(db, auth, filters)
          : list === 'stock-movements'
            ? stockMovements(db, auth, filters)
            : list === 'supplier-orders'
              ? supplierOrders(db, auth, filters)
              : list === 'shortages'
                ? shortageList(db, auth, filters, now)
                : overdueList(db, auth, filters, now);
  if (format === 'csv') await writeCsv(source.columns, source.rows, out);
  else await writeXlsx(source.sheet, source.columns, source.rows, out);
}
