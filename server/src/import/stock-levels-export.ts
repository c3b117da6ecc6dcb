// Stock levels per depot and van, for the export only: on-hand quantities are
// kept by stock movements (append-only), so a file cannot set them. Scoped to
// the caller's agencies for a dispatcher.
import type { Claims } from '../auth/tokens.ts';
import type { Db, ExportRow } from './kinds/kind.ts';

export const STOCK_LEVEL_COLUMNS = [
  { key: 'partReference', label: 'Référence article' },
  { key: 'partName', label: 'Désignation' },
  { key: 'agencyCode', label: 'Agence' },
  { key: 'depotCode', label: 'Dépôt' },
  { key: 'depotName', label: 'Nom du dépôt' },
  { key: 'onHand', label: 'En stock' },
  { key: 'minQuantity', label: 'Minimum' },
  { key: 'maxQuantity', label: 'Maximum' },
  { key: 'bin', label: 'Emplacement' },
] as const;

const PAGE = 1000;

export async function* stockLevelRows(db: Db, auth: Claims, agencyId: string | undefined): AsyncGenerator<ExportRow> {
  const agencies = auth.role === 'admin' ? (agencyId ? [agencyId] : null) : agencyId ? [agencyId] : [...auth.agencyIds];
  const where = agencies ? { depot: { agencyId: { in: agencies } } } : {};
  for (let skip = 0; ; skip += PAGE) {
    const page = await db.stockLevel.findMany({
      where,
      include: { part: { select: { reference: true, name: true } }, depot: { select: { code: true, name: true, agency: { select: { code: true } } } } },
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
          onHand: l.onHand,
          minQuantity: l.minQuantity,
          maxQuantity: l.maxQuantity,
          bin: l.bin,
        },
      };
    }
    if (page.length < PAGE) return;
  }
}
