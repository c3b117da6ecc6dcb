// One suggested supplier order (a supplier, a depot, the parts short there):
// check or change the reference, the expected day and the quantities, then
// create it — as an order placed today, so the projection counts on it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorAt, errorMessage, fieldErrors } from '../shared/client.ts';
import { Field, FormError } from '../shared/Field.tsx';
import { addDays, formatMoney, todayIso } from '../shared/format.ts';
import type { Shortage, StockApi } from './api.ts';
import type { Catalogue } from './stock-queries.ts';

export interface OrderProposal {
  readonly key: string;
  readonly supplierId: string | null;
  readonly depotId: string;
  readonly lines: readonly Shortage[];
}

export function SuggestedOrder({
  api,
  catalogue,
  proposal,
  onDone,
}: {
  api: StockApi;
  catalogue: Catalogue;
  proposal: OrderProposal;
  /** After the order is created (or the van restocked from the central depot), with the message to show. */
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const depot = catalogue.depotById.get(proposal.depotId);
  const today = todayIso();
  const [supplierId, setSupplierId] = useState(proposal.supplierId ?? '');
  const supplier = catalogue.suppliers.get(supplierId);
  const [reference, setReference] = useState(() =>
    `CF-${today.replace(/-/g, '')}-${depot?.code ?? 'DEPOT'}-${catalogue.suppliers.get(proposal.supplierId ?? '')?.code ?? 'FRN'}`.slice(0, 60),
  );
  const [expectedOn, setExpectedOn] = useState(addDays(today, 3));
  const [quantities, setQuantities] = useState(() => proposal.lines.map((l) => String(l.suggestedQuantity)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const total = proposal.lines.reduce((sum, l, i) => sum + (Number(quantities[i]) || 0) * (catalogue.parts.get(l.partId)?.unitCostCents ?? 0), 0);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const order = await api.createSupplierOrder({
        supplierId,
        depotId: proposal.depotId,
        reference: reference.trim(),
        status: 'ordered',
        orderedOn: today,
        ...(expectedOn ? { expectedOn } : {}),
        lines: proposal.lines.map((l, i) => ({ partId: l.partId, quantity: (quantities[i]!.trim() === '' ? undefined : Number(quantities[i])) as number })),
      });
      onDone(t('stock.shortages.created', { reference: order.reference }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  // A van is usually restocked from its agency's central depot rather than by a supplier.
  const central = depot?.kind === 'van' ? catalogue.depots.find((d) => d.kind === 'central') : undefined;
  async function restock() {
    if (!central) return;
    setBusy(true);
    setError(null);
    try {
      await api.transfer({
        fromDepotId: central.id,
        toDepotId: proposal.depotId,
        reason: t('stock.shortages.restockReason'),
        lines: proposal.lines.map((l, i) => ({ partId: l.partId, quantity: (quantities[i]!.trim() === '' ? undefined : Number(quantities[i])) as number })),
      });
      onDone(t('stock.shortages.restocked', { depot: depot?.name ?? '' }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const title = t('stock.shortages.proposal', { supplier: supplier?.name ?? t('stock.shortages.noSupplier'), depot: depot?.name ?? proposal.depotId });
  return (
    <form className="stock-proposal" aria-label={title} onSubmit={submit} noValidate data-supplier={supplier?.code ?? ''}>
      <h3>{title}</h3>
      <FormError message={error ? errorMessage(error) : null} />
      <div className="field-row">
        <Field label={t('stock.shortages.supplier')} error={errorAt(errors, 'supplierId')}>
          <select name="supplierId" value={supplierId} onChange={(e) => setSupplierId(e.target.value)}>
            <option value="">{t('stock.shortages.chooseSupplier')}</option>
            {[...catalogue.suppliers.values()].map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('stock.shortages.reference')} error={errorAt(errors, 'reference')}>
          <input name="reference" type="text" value={reference} onChange={(e) => setReference(e.target.value)} />
        </Field>
        <Field label={t('stock.shortages.expectedOn')} error={errorAt(errors, 'expectedOn')}>
          <input name="expectedOn" type="date" value={expectedOn} onChange={(e) => setExpectedOn(e.target.value)} />
        </Field>
      </div>
      <table className="bo-table stock-proposal-lines">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stock.col.reference')}</th>
            <th scope="col">{t('stock.col.name')}</th>
            <th scope="col" className="num">
              {t('stock.col.suggested')}
            </th>
          </tr>
        </thead>
        <tbody>
          {proposal.lines.map((l, i) => {
            const lineError = errorAt(errors, `lines[${i}].quantity`, `lines[${i}].partId`);
            return (
              <tr key={l.partId}>
                <td>
                  <code>{l.partReference}</code>
                </td>
                <td>{l.partName}</td>
                <td className="num">
                  <input
                    className="qty-input"
                    type="number"
                    min={1}
                    step={1}
                    aria-label={t('stock.shortages.quantityOf', { part: l.partReference })}
                    aria-invalid={lineError ? true : undefined}
                    value={quantities[i]}
                    onChange={(e) => setQuantities((qs) => qs.map((q, k) => (k === i ? e.target.value : q)))}
                  />
                  {lineError && (
                    <small className="field-error" role="alert">
                      {lineError}
                    </small>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="actions">
        <span className="muted">{t('stock.shortages.estimated', { amount: formatMoney(total, i18n.language) })}</span>
        <span className="actions">
          {central && (
            <button type="button" className="button small" disabled={busy} onClick={() => void restock()}>
              {t('stock.shortages.restock', { depot: central.name })}
            </button>
          )}
          <button type="submit" className="button primary small" disabled={busy}>
            {busy ? t('stock.working') : t('stock.shortages.create')}
          </button>
        </span>
      </div>
    </form>
  );
}
