// Suppliers: matched on their code (unique in the catalogue).
import { email, text } from '../cells.ts';
import { pages, type Db, type Delegate, type KindDefinition } from './kind.ts';

export const suppliers: KindDefinition = {
  kind: 'suppliers',
  key: 'code',
  fields: [
    { key: 'code', column: 'code', parse: text(40), labels: ['Code', 'Code fournisseur', 'Supplier code', 'Référence', 'Reference'] },
    { key: 'name', column: 'name', parse: text(200), labels: ['Nom', 'Name', 'Raison sociale', 'Fournisseur', 'Supplier', 'Supplier name'] },
    { key: 'email', column: 'email', parse: email, labels: ['E-mail', 'Email', 'Courriel', 'Mail'] },
    { key: 'phone', column: 'phone', parse: text(40), labels: ['Téléphone', 'Telephone', 'Tél', 'Tel', 'Phone'] },
    {
      key: 'accountNumber',
      column: 'accountNumber',
      parse: text(40),
      labels: ['Compte', 'Compte comptable', 'Compte auxiliaire', 'Account number', 'Account'],
    },
    { key: 'notes', column: 'notes', parse: text(5000), labels: ['Notes', 'Remarques', 'Commentaire', 'Commentaires', 'Comments'] },
  ],
  delegate: (db: Db) => db.supplier as unknown as Delegate,
  async dependents(db, ids) {
    const [parts, orders] = await Promise.all([
      db.part.count({ where: { preferredSupplierId: { in: [...ids] } } }),
      db.supplierOrder.count({ where: { supplierId: { in: [...ids] } } }),
    ]);
    if (parts + orders === 0) return null;
    return `suppliers this import created are used since (${parts} part(s), ${orders} order(s)): undo the parts' import first, or keep them`;
  },
  async *exportRows(db) {
    for await (const page of pages(suppliers.delegate(db), {})) {
      for (const s of page) {
        yield {
          fields: {
            code: s.code as string,
            name: s.name as string,
            email: s.email as string | null,
            phone: s.phone as string | null,
            accountNumber: s.accountNumber as string | null,
            notes: s.notes as string | null,
          },
        };
      }
    }
  },
};
