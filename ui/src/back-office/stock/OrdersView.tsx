// The agency's supplier orders: drafts to place, orders to receive (all or
// part of each line) into their depot, and the history.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorAt, errorMessage, fieldErrors } from '../shared/client.ts';
import { DataTable, type Column } from '../shared/DataTable.tsx';
import { FormError } from '../shared/Field.tsx';
import { formatDay, formatMoney, formatQuantity, todayIso } from '../shared/format.ts';
import type { StockApi, SupplierOrder } from './api.ts';
import { useSupplierOrders, type Catalogue } from './stock-queries.ts';
import { ListExport } from '../shared/ListExport.tsx';

const OPEN = new Set(['draft', 'ordered', 'partially_received']);

export function OrdersView({ api, catalogue, onReceived }: { api: StockApi; catalogue: Catalogue; onReceived: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const orders = useSupplierOrders(api);
  const [openOnly, setOpenOnly] = useState(true);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const mine = useMemo(
    () => (orders.data ?? []).filter((o) => catalogue.depotById.has(o.depotId) && (!openOnly || OPEN.has(o.status))),
    [orders.data, catalogue, openOnly],
  );
  const selected = mine.find((o) => o.id === selectedId) ?? null;
  const value = (o: SupplierOrder) => o.lines.reduce((s, l) => s + l.quantity * l.unitCostCents, 0);

  const columns: Column<SupplierOrder>[] = [
    { key: 'reference', header: t('stock.orders.reference'), cell: (o) => <code>{o.reference}</code> },
    { key: 'supplier', header: t('stock.orders.supplier'), cell: (o) => catalogue.suppliers.get(o.supplierId)?.name ?? '—' },
    { key: 'depot', header: t('stock.col.depot'), cell: (o) => catalogue.depotById.get(o.depotId)?.name ?? o.depotId },
    {
      key: 'status',
      header: t('stock.orders.status'),
      cell: (o) => (
        <span className={`chip order-${o.status}${o.status === 'received' ? ' ok' : o.status === 'draft' ? '' : ' warn'}`}>
          {t(`stock.orders.statuses.${o.status}`)}
        </span>
      ),
    },
    { key: 'orderedOn', header: t('stock.orders.orderedOn'), cell: (o) => formatDay(o.orderedOn, lang) },
    { key: 'expectedOn', header: t('stock.orders.expectedOn'), cell: (o) => formatDay(o.expectedOn, lang) },
    { key: 'lines', header: t('stock.orders.lines'), numeric: true, cell: (o) => formatQuantity(o.lines.length, lang) },
    { key: 'value', header: t('stock.orders.value'), numeric: true, cell: (o) => formatMoney(value(o), lang) },
  ];

  return (
    <div className="stock-orders">
      <div className="bo-toolbar">
        <label className="field-check">
          <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
          <span>{t('stock.orders.openOnly')}</span>
        </label>
        <ListExport choices={[{ list: 'supplier-orders', query: { agencyId: catalogue.agencyId, open: openOnly || undefined } }]} />
        {orders.isFetching && (
          <span className="muted" role="status">
            {t('stock.loading')}
          </span>
        )}
      </div>
      {orders.error ? (
        <p className="form-error" role="alert">
          {t('stock.loadFailed', { message: errorMessage(orders.error) })}
        </p>
      ) : null}
      {message && (
        <p className="bo-success" role="status">
          {message}
        </p>
      )}
      <div className="stock-layout">
        <div className="bo-card">
          <DataTable
            caption={t('stock.orders.caption', { count: mine.length })}
            columns={columns}
            rows={mine}
            rowKey={(o) => o.id}
            onRowClick={(o) => setSelectedId(o.id === selectedId ? null : o.id)}
            selectedKey={selectedId}
            empty={orders.isFetching ? t('stock.loading') : t('stock.orders.empty')}
            className="stock-orders-table"
          />
        </div>
        <aside className="stock-forms" aria-label={t('stock.orders.detail')}>
          {selected ? (
            // Keyed by what was received: after a receipt the form starts again from what remains.
            <OrderDetail
              key={`${selected.id}|${selected.status}|${selected.lines.map((l) => l.receivedQuantity).join(',')}`}
              api={api}
              catalogue={catalogue}
              order={selected}
              onDone={(m) => {
                setMessage(m);
                onReceived();
              }}
            />
          ) : (
            <p className="bo-card muted">{t('stock.orders.pick')}</p>
          )}
        </aside>
      </div>
    </div>
  );
}

function OrderDetail({ api, catalogue, order, onDone }: { api: StockApi; catalogue: Catalogue; order: SupplierOrder; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const remaining = (l: SupplierOrder['lines'][number]) => Math.max(0, l.quantity - l.receivedQuantity);
  const [quantities, setQuantities] = useState(() => order.lines.map((l) => String(remaining(l))));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  /** The order's line indexes sent with the last receipt (errors name `lines[k]` of those). */
  const [sent, setSent] = useState<number[]>([]);
  useEffect(() => setError(null), [order.id]);
  const errors = fieldErrors(error);
  const receivable = order.status === 'ordered' || order.status === 'partially_received';

  async function receive(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Lines left empty or at 0 are not received now; the server checks the rest.
      const chosen = order.lines.map((l, i) => ({ lineId: l.id, raw: quantities[i]!.trim(), index: i })).filter((l) => l.raw !== '' && l.raw !== '0');
      setSent(chosen.map((l) => l.index));
      const lines = chosen.map((l) => ({ lineId: l.lineId, quantity: Number(l.raw) }));
      await api.receive(order.id, { lines });
      onDone(t('stock.orders.receivedDone', { reference: order.reference }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function place() {
    setBusy(true);
    setError(null);
    try {
      await api.markOrdered(order.id, todayIso());
      onDone(t('stock.orders.placed', { reference: order.reference }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  // Receipt errors name `lines[i]` of what was sent: map them back to the order's lines.
  const lineError = (i: number) => {
    const k = sent.indexOf(i);
    return k < 0 ? undefined : errorAt(errors, `lines[${k}].quantity`, `lines[${k}].lineId`);
  };

  return (
    <form className="bo-card bo-form stock-receive" aria-labelledby="stock-receive-title" onSubmit={receive} noValidate>
      <h2 id="stock-receive-title">{t('stock.orders.receiveTitle', { reference: order.reference })}</h2>
      <p className="muted">
        {catalogue.suppliers.get(order.supplierId)?.name ?? ''} → {catalogue.depotById.get(order.depotId)?.name ?? ''} ·{' '}
        {t(`stock.orders.statuses.${order.status}`)}
        {order.expectedOn ? ` · ${t('stock.orders.expectedOn')} ${formatDay(order.expectedOn, i18n.language)}` : ''}
      </p>
      <FormError message={error ? errorMessage(error) : null} />
      <table className="bo-table">
        <thead>
          <tr>
            <th scope="col">{t('stock.col.reference')}</th>
            <th scope="col" className="num">
              {t('stock.orders.ordered')}
            </th>
            <th scope="col" className="num">
              {t('stock.orders.remaining')}
            </th>
            {receivable && (
              <th scope="col" className="num">
                {t('stock.orders.toReceive')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l, i) => {
            const part = catalogue.parts.get(l.partId);
            const message = lineError(i);
            return (
              <tr key={l.id}>
                <td>
                  <code>{part?.reference ?? l.partId}</code>
                  <br />
                  <small className="muted">{part?.name}</small>
                </td>
                <td className="num">{formatQuantity(l.quantity, i18n.language)}</td>
                <td className="num">{formatQuantity(remaining(l), i18n.language)}</td>
                {receivable && (
                  <td className="num">
                    <input
                      className="qty-input"
                      type="number"
                      min={0}
                      step={1}
                      aria-label={t('stock.orders.quantityOf', { part: part?.reference ?? '' })}
                      aria-invalid={message ? true : undefined}
                      value={quantities[i]}
                      onChange={(e) => setQuantities((qs) => qs.map((q, k) => (k === i ? e.target.value : q)))}
                    />
                    {message && (
                      <small className="field-error" role="alert">
                        {message}
                      </small>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="actions">
        {order.status === 'draft' && (
          <button type="button" className="button" disabled={busy} onClick={() => void place()}>
            {t('stock.orders.place')}
          </button>
        )}
        {receivable && (
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t('stock.working') : t('stock.orders.receive')}
          </button>
        )}
      </div>
    </form>
  );
}
