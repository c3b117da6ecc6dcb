// Spare parts: matched on their reference; prices in euros in the file, cents
// in the database; the preferred supplier named by its code.
import { boolean, euros, text } from '../cells.ts';
import { pages, resolveByKey, type Db, type Delegate, type KindDefinition } from './kind.ts';

export const parts: KindDefinition = {
  kind: 'parts',
  key: 'reference',
  fields: [
    {
      key: 'reference',
      column: 'reference',
      parse: text(60),
      labels: ['Référence', 'Reference', 'Réf', 'Ref', 'Code article', 'Article', 'Part number', 'SKU'],
    },
    { key: 'name', column: 'name', parse: text(200), labels: ['Désignation', 'Libellé', 'Nom', 'Name', 'Description'] },
    { key: 'unitCost', column: 'unitCostCents', parse: euros, labels: ["Prix d'achat", 'Coût', 'Coût unitaire', 'Prix de revient', 'Unit cost', 'Cost'] },
    { key: 'unitPrice', column: 'unitPriceCents', parse: euros, labels: ['Prix de vente HT', 'Prix de vente', 'Prix HT', 'Prix', 'Unit price', 'Price'] },
    {
      key: 'supplierCode',
      parse: text(40),
      labels: ['Fournisseur', 'Code fournisseur', 'Fournisseur préféré', 'Supplier', 'Supplier code', 'Preferred supplier'],
    },
    {
      key: 'energyEfficient',
      column: 'energyEfficient',
      parse: boolean,
      labels: ['TVA 5,5 %', 'Éligible TVA réduite', 'Performance énergétique', 'Energy efficient'],
    },
    { key: 'active', column: 'active', parse: boolean, labels: ['Actif', 'Active', 'En vente'] },
  ],
  delegate: (db: Db) => db.part as unknown as Delegate,
  async resolve(rows, db) {
    await resolveByKey(
      rows,
      'supplierCode',
      'preferredSupplierId',
      async (codes) =>
        (await db.supplier.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } })).map((s) => ({ id: s.id, key: s.code })),
      'supplier',
    );
    // Booleans the database requires: an empty cell keeps the default.
    for (const row of rows) for (const column of ['energyEfficient', 'active']) if (row.data[column] === null) delete row.data[column];
  },
  async dependents(db, ids) {
    const where = { partId: { in: [...ids] } };
    const [levels, needed, lines] = await Promise.all([db.stockLevel.count({ where }), db.interventionPart.count({ where }), db.billingLine.count({ where })]);
    if (levels + needed + lines === 0) return null;
    return `parts this import created are used since (${levels} stock level(s), ${needed} intervention(s), ${lines} billing line(s))`;
  },
  async *exportRows(db) {
    for await (const page of pages(parts.delegate(db), { include: { preferredSupplier: { select: { code: true } } } })) {
      for (const p of page) {
        yield {
          fields: {
            reference: p.reference as string,
            name: p.name as string,
            unitCost: (p.unitCostCents as number) / 100,
            unitPrice: (p.unitPriceCents as number) / 100,
            supplierCode: (p.preferredSupplier as { code: string } | null)?.code ?? null,
            energyEfficient: p.energyEfficient as boolean,
            active: p.active as boolean,
          },
        };
      }
    }
  },
};
