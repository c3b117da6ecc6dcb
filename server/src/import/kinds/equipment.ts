// Equipment: matched on its reference; its site named by the site's reference;
// columns mapped to no field are its as-sold configuration (asSold), merged
// into what is stored (an attribute left empty in the file is kept, not erased).
import { boolean, day, text } from '../cells.ts';
import { pages, resolveByKey, type Db, type Delegate, type KindDefinition } from './kind.ts';

export const equipment: KindDefinition = {
  kind: 'equipment',
  key: 'reference',
  acceptsAttributes: true,
  fields: [
    {
      key: 'reference',
      column: 'reference',
      parse: text(60),
      labels: ['Référence', 'Reference', 'Réf', 'Ref', 'N° équipement', 'Référence équipement', 'Equipment reference'],
    },
    { key: 'siteReference', parse: text(60), labels: ['Référence site', 'Code site', 'Site', 'Site reference'] },
    { key: 'category', column: 'category', parse: text(60), labels: ['Catégorie', 'Famille', 'Type', 'Category', 'Product family'] },
    { key: 'brand', column: 'brand', parse: text(100), labels: ['Marque', 'Fabricant', 'Brand', 'Manufacturer', 'Make'] },
    { key: 'model', column: 'model', parse: text(100), labels: ['Modèle', 'Model'] },
    { key: 'serialNumber', column: 'serialNumber', parse: text(100), labels: ['Numéro de série', 'N° de série', 'N° série', 'Serial number', 'Serial', 'SN'] },
    {
      key: 'installedOn',
      column: 'installedOn',
      parse: day,
      labels: ["Date d'installation", 'Installé le', 'Mise en service', 'Installed on', 'Installation date'],
    },
    { key: 'warrantyEndsOn', column: 'warrantyEndsOn', parse: day, labels: ['Fin de garantie', "Garantie jusqu'au", 'Warranty ends on', 'Warranty end'] },
    { key: 'active', column: 'active', parse: boolean, labels: ['Actif', 'En service', 'Active'] },
    { key: 'notes', column: 'notes', parse: text(5000), labels: ['Notes', 'Remarques', 'Commentaire', 'Commentaires', 'Comments'] },
  ],
  delegate: (db: Db) => db.equipment as unknown as Delegate,
  async resolve(rows, db) {
    await resolveByKey(
      rows,
      'siteReference',
      'siteId',
      async (refs) =>
        (await db.site.findMany({ where: { reference: { in: refs } }, select: { id: true, reference: true } })).map((s) => ({ id: s.id, key: s.reference! })),
      'site',
    );
    for (const row of rows) {
      if (row.data.active === null) delete row.data.active; // required column: an empty cell keeps it in service
      if (Object.keys(row.attributes).length) row.data.asSold = row.attributes;
    }
  },
  async dependents(db, ids) {
    const where = { equipmentId: { in: [...ids] } };
    const [interventions, plans, warranties, movements] = await Promise.all([
      db.intervention.count({ where }),
      db.servicePlan.count({ where }),
      db.warranty.count({ where }),
      db.stockMovement.count({ where }),
    ]);
    if (interventions + plans + warranties + movements === 0) return null;
    return `equipment this import created is used since (${interventions} intervention(s), ${plans} service plan(s), ${warranties} warranty(ies), ${movements} stock movement(s))`;
  },
  async exportAttributes(db) {
    const rows = await db.$queryRaw<
      { key: string }[]
    >`SELECT DISTINCT jsonb_object_keys(as_sold) AS key FROM equipment WHERE jsonb_typeof(as_sold) = 'object' ORDER BY 1`;
    return rows.map((r) => r.key);
  },
  async *exportRows(db) {
    for await (const page of pages(equipment.delegate(db), { include: { site: { select: { reference: true } } } })) {
      for (const e of page) {
        yield {
          fields: {
            reference: e.reference as string | null,
            siteReference: (e.site as { reference: string | null }).reference,
            category: e.category as string,
            brand: e.brand as string | null,
            model: e.model as string | null,
            serialNumber: e.serialNumber as string | null,
            installedOn: e.installedOn as Date | null,
            warrantyEndsOn: e.warrantyEndsOn as Date | null,
            active: e.active as boolean,
            notes: e.notes as string | null,
          },
          attributes: (e.asSold ?? {}) as Record<string, unknown>,
        };
      }
    }
  },
};
