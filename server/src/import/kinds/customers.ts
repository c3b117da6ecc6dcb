// Customers: matched on their reference (the ERP's or former SAV tool's customer number).
import { email, text } from '../cells.ts';
import { pages, type Db, type Delegate, type KindDefinition } from './kind.ts';

export const customers: KindDefinition = {
  kind: 'customers',
  key: 'reference',
  fields: [
    {
      key: 'reference',
      column: 'reference',
      parse: text(60),
      labels: [
        'Référence',
        'Reference',
        'Réf',
        'Ref',
        'Référence client',
        'Réf client',
        'Code client',
        'Numéro client',
        'N° client',
        'Customer number',
        'Customer reference',
        'Customer ID',
      ],
    },
    { key: 'name', column: 'name', parse: text(200), labels: ['Nom', 'Name', 'Raison sociale', 'Client', 'Customer', 'Customer name', 'Nom du client'] },
    { key: 'email', column: 'email', parse: email, labels: ['E-mail', 'Email', 'Courriel', 'Mail', 'Adresse e-mail', 'Email address'] },
    { key: 'phone', column: 'phone', parse: text(40), labels: ['Téléphone', 'Telephone', 'Tél', 'Tel', 'Phone', 'Mobile', 'Portable'] },
    { key: 'notes', column: 'notes', parse: text(5000), labels: ['Notes', 'Remarques', 'Commentaire', 'Commentaires', 'Observations', 'Comments'] },
  ],
  delegate: (db: Db) => db.customer as unknown as Delegate,
  async dependents(db, ids) {
    const sites = await db.site.count({ where: { customerId: { in: [...ids] } } });
    return sites ? `${sites} site(s) belong to customers this import created: undo the sites' import first, or delete them` : null;
  },
  async *exportRows(db) {
    for await (const page of pages(customers.delegate(db), {})) {
      for (const c of page)
        yield {
          fields: {
            reference: c.reference as string | null,
            name: c.name as string,
            email: c.email as string | null,
            phone: c.phone as string | null,
            notes: c.notes as string | null,
          },
        };
    }
  },
};
