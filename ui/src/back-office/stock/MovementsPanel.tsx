// The movements of a depot, of a part in a depot, or the agency's latest:
// newest first, with their kind, signed quantity and what they refer to
// (supplier order, intervention, reason).
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../shared/client.ts';
import { DataTable, type Column } from '../shared/DataTable.tsx';
import { formatDateTime, formatQuantity } from '../shared/format.ts';
import type { StockApi, StockMovement } from './api.ts';
import { useMovements, useSupplierOrders, type Catalogue } from './stock-queries.ts';
import { ListExport } from '../shared/ListExport.tsx';

export function MovementsPanel({
  api,
  catalogue,
  depotId,
  partId,
  onClear,
}: {
  api: StockApi;
  catalogue: Catalogue;
  depotId: string | null;
  partId: string | null;
  onClear?: (() => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const movements = useMovements(api, depotId, partId);
  // Supplier order references, to name receipts (without them, a receipt is named "…": their error is not this panel's).
  const orders = useSupplierOrders(api, depotId !== null);
  const orderOfLine = new Map((orders.data ?? []).flatMap((o) => o.lines.map((l) => [l.id, o.reference] as const)));

  const depot = depotId ? catalogue.depotById.get(depotId) : undefined;
  const part = partId ? catalogue.parts.get(partId) : undefined;
  const title =
    part && depot
      ? t('stock.movements.ofPart', { part: part.reference, depot: depot.name })
      : depot
        ? t('stock.movements.ofDepot', { depot: depot.name })
        : t('stock.movements.title');

  const columns: Column<StockMovement>[] = [
    { key: 'date', header: t('stock.col.date'), cell: (m) => formatDateTime(m.occurredAt, i18n.language) },
    { key: 'kind', header: t('stock.col.kind'), cell: (m) => <span className={`chip movement-${m.kind}`}>{t(`stock.kinds.${m.kind}`)}</span> },
    ...(part
      ? []
      : [{ key: 'part', header: t('stock.col.part'), cell: (m: StockMovement) => <code>{catalogue.parts.get(m.partId)?.reference ?? m.partId}</code> }]),
    ...(depot ? [] : [{ key: 'depot', header: t('stock.col.depot'), cell: (m: StockMovement) => catalogue.depotById.get(m.depotId)?.name ?? m.depotId }]),
    {
      key: 'quantity',
      header: t('stock.col.quantity'),
      numeric: true,
      cell: (m) => <span className={m.quantity < 0 ? 'qty-out' : 'qty-in'}>{formatQuantity(m.quantity, i18n.language, true)}</span>,
    },
    {
      key: 'ref',
      header: t('stock.col.ref'),
      cell: (m) =>
        [
          m.supplierOrderLineId ? t('stock.movements.supplierOrder', { reference: orderOfLine.get(m.supplierOrderLineId) ?? '…' }) : null,
          m.interventionId ? t('stock.movements.intervention', { id: m.interventionId.slice(-8) }) : null,
          m.reason,
        ]
          .filter(Boolean)
          .join(' · '),
    },
  ];

  return (
    <section className="stock-movements" aria-label={title}>
      <div className="bo-header">
        <h2>{title}</h2>
        {depotId !== null && <ListExport choices={[{ list: 'stock-movements', query: { agencyId: catalogue.agencyId, depotId, partId } }]} />}
        {onClear && (
          <button type="button" className="button small subtle" onClick={onClear}>
            {t('stock.movements.clear')}
          </button>
        )}
      </div>
      {depotId === null ? (
        <p className="muted">{t('stock.movements.pick')}</p>
      ) : movements.error ? (
        <p className="form-error" role="alert">
          {errorMessage(movements.error)}
        </p>
      ) : (
        <DataTable
          caption={title}
          captionHidden
          columns={columns}
          rows={movements.data?.items ?? []}
          rowKey={(m) => m.id}
          empty={movements.isFetching ? t('stock.loading') : t('stock.movements.empty')}
          className="stock-movements-table"
        />
      )}
      {movements.data && movements.data.total > movements.data.items.length && (
        <p className="muted">{t('stock.movements.more', { shown: movements.data.items.length, total: movements.data.total })}</p>
      )}
    </section>
  );
}
