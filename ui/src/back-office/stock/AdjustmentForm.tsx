// Inventory adjustment of a part in a depot: a signed change, or the quantity
// counted (the server records the difference with on hand), always with a
// reason. The server's messages show next to the field they name.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorAt, errorMessage, fieldErrors } from '../shared/client.ts';
import { Field, FormError } from '../shared/Field.tsx';
import type { StockApi, StockLevel } from './api.ts';
import type { Selection } from './LevelsView.tsx';
import { PartSelect } from './PartSelect.tsx';
import type { Catalogue } from './stock-queries.ts';

type Mode = 'count' | 'change';

export function AdjustmentForm({
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
  const [depotId, setDepotId] = useState('');
  const [partId, setPartId] = useState('');
  const [mode, setMode] = useState<Mode>('count');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (!selection) return;
    setDepotId(selection.depotId);
    setPartId(selection.partId);
  }, [selection]);

  const onHand = levels.find((l) => l.depotId === depotId && l.partId === partId)?.onHand;
  const errors = fieldErrors(error);
  const field = mode === 'count' ? 'countedQuantity' : 'quantity';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const q = quantity.trim() === '' ? undefined : Number(quantity);
      const batch = await api.adjust({
        depotId,
        reason: reason.trim(),
        lines: [mode === 'count' ? { partId, countedQuantity: q as number } : { partId, quantity: q as number }],
      });
      setDone(batch.movements.length === 0 ? t('stock.adjust.nothing') : t('stock.adjust.done', { count: batch.onHand[0]?.onHand ?? 0 }));
      setQuantity('');
      setReason('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="bo-card bo-form stock-adjust" aria-labelledby="stock-adjust-title" onSubmit={submit} noValidate>
      <h2 id="stock-adjust-title">{t('stock.adjust.title')}</h2>
      <FormError message={error ? errorMessage(error) : null} />
      {done && (
        <p className="bo-success" role="status">
          {done}
        </p>
      )}
      <Field label={t('stock.depot')} error={errorAt(errors, 'depotId')}>
        <select name="depotId" value={depotId} onChange={(e) => setDepotId(e.target.value)}>
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
        </select>
      </Field>
      <Field
        label={t('stock.part')}
        error={errorAt(errors, 'lines[0].partId', 'lines')}
        hint={onHand !== undefined ? t('stock.adjust.onHandHint', { count: onHand }) : undefined}
      >
        <PartSelect name="partId" parts={catalogue.parts} value={partId} onChange={setPartId} />
      </Field>
      <fieldset className="field">
        <legend>{t('stock.adjust.mode')}</legend>
        <div className="field-row">
          <label className="field-check">
            <input type="radio" name="mode" value="count" checked={mode === 'count'} onChange={() => setMode('count')} />{' '}
            <span>{t('stock.adjust.modeCount')}</span>
          </label>
          <label className="field-check">
            <input type="radio" name="mode" value="change" checked={mode === 'change'} onChange={() => setMode('change')} />{' '}
            <span>{t('stock.adjust.modeChange')}</span>
          </label>
        </div>
      </fieldset>
      <Field
        label={mode === 'count' ? t('stock.adjust.counted') : t('stock.adjust.change')}
        error={errorAt(errors, `lines[0].${field}`, 'lines[0].quantity', 'lines[0].countedQuantity')}
      >
        <input
          name={field}
          type="number"
          step={1}
          inputMode="numeric"
          min={mode === 'count' ? 0 : undefined}
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
        />
      </Field>
      <Field label={t('stock.adjust.reason')} error={errorAt(errors, 'reason')}>
        <input name="reason" type="text" value={reason} placeholder={t('stock.adjust.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t('stock.working') : t('stock.adjust.submit')}
      </button>
    </form>
  );
}
