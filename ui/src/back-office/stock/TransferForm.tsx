// Transfer parts from a depot to another (a central depot → a technician's
// van, usually). The server's messages show next to the field they name; the
// form keeps what was typed when it refuses.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorAt, errorMessage, fieldErrors } from '../shared/client.ts';
import { Field, FormError } from '../shared/Field.tsx';
import type { StockApi, StockLevel } from './api.ts';
import type { Selection } from './LevelsView.tsx';
import { PartSelect } from './PartSelect.tsx';
import type { Catalogue } from './stock-queries.ts';

export function TransferForm({
  api,
  catalogue,
  levels,
  selection,
  onDone,
}: {
  api: StockApi;
  catalogue: Catalogue;
  levels: readonly StockLevel[];
  selection: Selection | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const firstCentral = catalogue.depots.find((d) => d.kind === 'central')?.id ?? '';
  const [from, setFrom] = useState(firstCentral);
  const [to, setTo] = useState('');
  const [partId, setPartId] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  // A selected row fills the form: its part, and its depot as the source (central) or the destination (van).
  useEffect(() => {
    if (!selection) return;
    const depot = catalogue.depotById.get(selection.depotId);
    setPartId(selection.partId);
    if (depot?.kind === 'van') setTo(depot.id);
    else if (depot) setFrom(depot.id);
  }, [selection, catalogue]);

  const free = levels.find((l) => l.depotId === from && l.partId === partId)?.free;
  const errors = fieldErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const q = quantity.trim() === '' ? undefined : Number(quantity);
      await api.transfer({ fromDepotId: from, toDepotId: to, lines: [{ partId, quantity: q as number }], ...(reason.trim() ? { reason: reason.trim() } : {}) });
      const part = catalogue.parts.get(partId);
      setDone(t('stock.transfer.done', { quantity: q, part: part?.reference ?? '', depot: catalogue.depotById.get(to)?.name ?? '' }));
      setQuantity('1');
      setReason('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const depotOptions = (
    <>
      <option value="">{t('stock.chooseDepot')}</option>
      <optgroup label={t('stock.centralDepots')}>
        {catalogue.depots
          .filter((d) => d.kind === 'central')
          .map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
      </optgroup>
      <optgroup label={t('stock.vans')}>
        {catalogue.depots
          .filter((d) => d.kind === 'van')
          .map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
      </optgroup>
    </>
  );
  const general = error ? errorMessage(error) : null;

  return (
    <form className="bo-card bo-form stock-transfer" aria-labelledby="stock-transfer-title" onSubmit={submit} noValidate>
      <h2 id="stock-transfer-title">{t('stock.transfer.title')}</h2>
      <FormError message={general} />
      {done && (
        <p className="bo-success" role="status">
          {done}
        </p>
      )}
      <Field label={t('stock.transfer.from')} error={errorAt(errors, 'fromDepotId')}>
        <select name="fromDepotId" value={from} onChange={(e) => setFrom(e.target.value)}>
          {depotOptions}
        </select>
      </Field>
      <Field label={t('stock.transfer.to')} error={errorAt(errors, 'toDepotId')}>
        <select name="toDepotId" value={to} onChange={(e) => setTo(e.target.value)}>
          {depotOptions}
        </select>
      </Field>
      <Field
        label={t('stock.part')}
        error={errorAt(errors, 'lines[0].partId', 'lines')}
        hint={free !== undefined ? t('stock.transfer.freeHint', { count: free }) : undefined}
      >
        <PartSelect name="partId" parts={catalogue.parts} value={partId} onChange={setPartId} />
      </Field>
      <Field label={t('stock.quantity')} error={errorAt(errors, 'lines[0].quantity')}>
        <input name="quantity" type="number" min={1} step={1} inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
      </Field>
      <Field label={t('stock.transfer.reason')} error={errorAt(errors, 'reason')}>
        <input name="reason" type="text" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t('stock.working') : t('stock.transfer.submit')}
      </button>
    </form>
  );
}
