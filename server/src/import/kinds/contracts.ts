// Maintenance contracts: matched on their reference; the customer named by its
// reference. Customers are shared by all agencies (as the customers' import
// has them), so a contract is too; its service plans (their own file) are
// where sites, and so agencies, come in.
import { day, text } from '../cells.ts';
import { pages, resolveByKey, type Db, type Delegate, type KindDefinition } from './kind.ts';
import { choice, refuse } from './shared.ts';

const STATUS = choice({
  draft: ['brouillon', 'projet'],
  active: ['actif', 'en cours', 'en vigueur'],
  suspended: ['suspendu'],
  ended: ['terminé', 'échu', 'résilié', 'clos'],
});

export const contracts: KindDefinition = {
  kind: 'contracts',
  key: 'reference',
  fields: [
    {
      key: 'reference',
      column: 'reference',
      parse: text(60),
      labels: ['Référence', 'Reference', 'Réf', 'Ref', 'N° contrat', 'Numéro de contrat', 'Référence contrat', 'Contract reference', 'Contract'],
    },
    { key: 'customerReference', parse: text(60), labels: ['Référence client', 'Code client', 'N° client', 'Client', 'Customer', 'Customer reference'] },
    { key: 'name', column: 'name', parse: text(200), labels: ['Libellé', 'Nom', 'Intitulé', 'Name', 'Title'] },
    { key: 'status', column: 'status', parse: STATUS, labels: ['Statut', 'État', 'Status'] },
    { key: 'startsOn', column: 'startsOn', parse: day, labels: ['Début', 'Date de début', "Date d'effet", 'Starts on', 'Start date', 'Start'] },
    { key: 'endsOn', column: 'endsOn', parse: day, labels: ['Fin', 'Date de fin', 'Échéance', 'Ends on', 'End date', 'End'] },
    { key: 'notes', column: 'notes', parse: text(5000), labels: ['Notes', 'Remarques', 'Commentaire', 'Comments'] },
  ],
  delegate: (db: Db) => db.contract as unknown as Delegate,
  async resolve(rows, db) {
    await resolveByKey(
      rows,
      'customerReference',
      'customerId',
      async (refs) =>
        (await db.customer.findMany({ where: { reference: { in: refs } }, select: { id: true, reference: true } })).map((c) => ({
          id: c.id,
          key: c.reference!,
        })),
      'customer',
    );
    for (const row of rows) {
      if (row.data.status === null) delete row.data.status; // required column: an empty cell keeps it active
      const starts = row.data.startsOn as Date | null | undefined;
      const ends = row.data.endsOn as Date | null | undefined;
      if (starts && ends && ends < starts) refuse(row, 'endsOn', 'out_of_range', 'the contract ends before it starts');
    }
  },
  async dependents(db, ids) {
    const where = { contractId: { in: [...ids] } };
    const [plans, interventions, documents] = await Promise.all([
      db.servicePlan.count({ where }),
      db.intervention.count({ where }),
      db.billingDocument.count({ where }),
    ]);
    if (plans + interventions + documents === 0) return null;
    return `contracts this import created are used since (${plans} service plan(s), ${interventions} intervention(s), ${documents} billing document(s)): undo the service plans' import first`;
  },
  async *exportRows(db) {
    for await (const page of pages(contracts.delegate(db), { include: { customer: { select: { reference: true } } } })) {
      for (const c of page) {
        yield {
          fields: {
            reference: c.reference as string,
            customerReference: (c.customer as { reference: string | null }).reference,
            name: c.name as string | null,
            status: c.status as string,
            startsOn: c.startsOn as Date,
            endsOn: c.endsOn as Date | null,
            notes: c.notes as string | null,
          },
        };
      }
    }
  },
};
