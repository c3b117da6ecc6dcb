// Writes the demo's back office inside the seed's transaction: catalogue,
// depots and level settings as rows, then the stock through the back office's
// own movement function (`recordMovements`: level rows locked, no depot below
// zero, the database trigger adding each movement to on hand, the journal
// entry of each receipt posted) — on hand is the sum of the movements, as
// everywhere else. Today's breakdowns get their warranty verdict through the
// back office's detection, as a request registered over the API does.
import { recordMovements } from '../back-office/stock/movements.ts';
import { flagInterventionCoverage } from '../back-office/warranties/detect.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { DemoBackOffice } from './build/back-office.ts';
import { bulkInsert } from './bulk-insert.ts';

type Tx = Prisma.TransactionClient;

export async function insertBackOffice(tx: Tx, bo: DemoBackOffice): Promise<{ movements: number; batches: number }> {
  const tables: Array<[string, readonly object[]]> = [
    ['suppliers', bo.suppliers],
    ['parts', bo.parts],
    ['depots', bo.depots],
    // Settings only: on hand starts at 0 (the guard trigger allows nothing else) and comes from the movements below.
    ['stock_levels', bo.stockLevels],
    ['supplier_orders', bo.supplierOrders],
    ['supplier_order_lines', bo.supplierOrderLines],
    ['intervention_parts', bo.interventionParts],
    ['contract_terms', bo.contractTerms],
    ['site_vat_profiles', bo.siteVatProfiles],
    ['billing_settings', bo.billingSettings],
    ['warranties', bo.warranties],
  ];
  for (const [table, rows] of tables) await bulkInsert(tx, table, rows as Record<string, unknown>[]);

  let movements = 0;
  // Receipts first (they bring the stock in), then the vans' loading, in time order.
  const batches = [...bo.batches].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.kind === b.kind ? 0 : a.kind === 'receipt' ? -1 : 1));
  for (const batch of batches) {
    const recorded = await recordMovements(tx, {
      lines: batch.lines,
      pieceRef: batch.pieceRef,
      label: batch.label,
      occurredAt: batch.occurredAt,
      createdById: null,
    });
    movements += recorded.movements.length;
  }
  // The warranty verdict of today's breakdowns, as the request routes record it.
  for (const id of bo.coverageFor) await flagInterventionCoverage(tx, id, { occasion: 'request', now: bo.now });
  return { movements, batches: batches.length };
}
