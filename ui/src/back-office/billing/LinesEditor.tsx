// A draft's lines, edited in place and saved whole (PUT …/lines): the server
// reprices and retaxes them. Each of its refusals lands next to the cell it
// names (`lines[2].unitPriceCents`); what was typed stays.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LINE_KINDS, VAT_RATES, type BillingApi, type BillingDocument, type DraftLine, type LineKind, type VatRateBp } from './api.ts';
import { eurosInput, formatRate, parseDecimal, parseEuros } from './format.ts';
import { FieldError, fieldProps, FormError, FormField, useFormErrors } from './forms.tsx';

const FORM = 'lines';

interface Row {
  readonly key: number;
  kind: LineKind;
  description: string;
  quantity: string;
  unitPrice: string;
  coverage: string;
  vatRate: '' | `${VatRateBp}`;
  readonly partId: string | null;
  readonly warrantyId: string | null;
  readonly contractId: string | null;
  readonly supplierId: string | null;
  readonly installed: boolean;
}

let nextKey = 1;

function rowsOf(doc: BillingDocument, language: string): Row[] {
  return doc.lines.map((l) => ({
    key: nextKey++,
    kind: l.kind,
    description: l.description,
    quantity: String(l.quantityMilli / 1000).replace('.', language.startsWith('fr') ? ',' : '.'),
    unitPrice: eurosInput(l.unitPriceCents, language),
    coverage: String(l.coveragePercent),
    vatRate: l.vatRule === 'set_by_user' ? (`${l.vatRateBp}` as Row['vatRate']) : '',
    partId: l.partId,
    warrantyId: l.warrantyId,
    contractId: l.contractId,
    supplierId: l.supplierId,
    installed: l.vatRule !== 'goods_sold_alone',
  }));
}

const blank = (): Row => ({
  key: nextKey++,
  kind: 'other',
  description: '',
  quantity: '1',
  unitPrice: '',
  coverage: '0',
  vatRate: '',
  partId: null,
  warrantyId: null,
  contractId: null,
  supplierId: null,
  installed: true,
});

export function LinesEditor({
  doc,
  api,
  onSaved,
  onCancel,
}: {
  doc: BillingDocument;
  api: BillingApi;
  onSaved: (doc: BillingDocument) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(doc, i18n.language));
  const [energyWork, setEnergyWork] = useState(doc.vatContext.energyWork === true);
  const [notes, setNotes] = useState(doc.notes ?? '');
  const [busy, setBusy] = useState(false);
  const { errors, fail, hasLocal } = useFormErrors();

  const change = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    const lines: DraftLine[] = rows.map((r, i) => {
      const quantity = parseDecimal(r.quantity);
      const price = r.unitPrice.trim() === '' ? null : parseEuros(r.unitPrice);
      const coverage = Number(r.coverage);
      if (quantity === null || quantity <= 0) local[`lines[${i}].quantity`] = t('billing.errors.quantity');
      if (r.unitPrice.trim() !== '' && price === null) local[`lines[${i}].unitPriceCents`] = t('billing.errors.amount');
      if (!r.description.trim()) local[`lines[${i}].description`] = t('billing.errors.required');
      if (!Number.isInteger(coverage) || coverage < 0 || coverage > 100) local[`lines[${i}].coveragePercent`] = t('billing.errors.percent');
      return {
        kind: r.kind,
        description: r.description.trim(),
        quantity: quantity ?? 0,
        ...(price !== null ? { unitPriceCents: price } : {}),
        coveragePercent: coverage,
        ...(r.partId ? { partId: r.partId } : {}),
        ...(r.warrantyId ? { warrantyId: r.warrantyId } : {}),
        ...(r.contractId ? { contractId: r.contractId } : {}),
        ...(r.supplierId ? { supplierId: r.supplierId } : {}),
        ...(r.vatRate ? { vatRateBp: Number(r.vatRate) as VatRateBp } : {}),
        ...(r.kind === 'part' ? { installed: r.installed } : {}),
      };
    });
    if (hasLocal(local)) return;
    setBusy(true);
    try {
      onSaved(await api.replaceLines(doc.id, { lines, energyWork, ...(notes.trim() ? { notes: notes.trim() } : {}) }));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const cell = (i: number, field: string) => `lines[${i}].${field}`;
  return (
    <form className="bo-inline-form" aria-labelledby={`${FORM}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={`${FORM}-title`}>{t('billing.lines.edit')}</h3>
      <FormError
        errors={errors}
        shown={(path) => /^lines\[\d+\]\.(kind|description|quantity|unitPriceCents|coveragePercent|vatRateBp)$/.test(path) || path === 'notes'}
      />
      <div className="bo-scroll">
        <table className="bo-table bo-lines-edit">
          <thead>
            <tr>
              <th scope="col">{t('billing.lines.kind')}</th>
              <th scope="col">{t('billing.lines.description')}</th>
              <th scope="col">{t('billing.lines.quantity')}</th>
              <th scope="col">{t('billing.lines.unitPrice')}</th>
              <th scope="col">{t('billing.lines.coverage')}</th>
              <th scope="col">{t('billing.lines.vat')}</th>
              <th scope="col">
                <span className="sr-only">{t('billing.lines.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key}>
                <td>
                  <select
                    aria-label={t('billing.lines.kindOf', { n: i + 1 })}
                    value={r.kind}
                    onChange={(e) => change(r.key, { kind: e.target.value as LineKind })}
                    {...fieldProps(FORM, errors, cell(i, 'kind'))}
                  >
                    {LINE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`billing.lineKind.${k}`)}
                      </option>
                    ))}
                  </select>
                  <FieldError form={FORM} errors={errors} path={cell(i, 'kind')} />
                </td>
                <td>
                  <input
                    aria-label={t('billing.lines.descriptionOf', { n: i + 1 })}
                    value={r.description}
                    onChange={(e) => change(r.key, { description: e.target.value })}
                    {...fieldProps(FORM, errors, cell(i, 'description'))}
                  />
                  <FieldError form={FORM} errors={errors} path={cell(i, 'description')} />
                </td>
                <td>
                  <input
                    className="short"
                    inputMode="decimal"
                    aria-label={t('billing.lines.quantityOf', { n: i + 1 })}
                    value={r.quantity}
                    onChange={(e) => change(r.key, { quantity: e.target.value })}
                    {...fieldProps(FORM, errors, cell(i, 'quantity'))}
                  />
                  <FieldError form={FORM} errors={errors} path={cell(i, 'quantity')} />
                </td>
                <td>
                  <input
                    className="short"
                    inputMode="decimal"
                    aria-label={t('billing.lines.unitPriceOf', { n: i + 1 })}
                    value={r.unitPrice}
                    onChange={(e) => change(r.key, { unitPrice: e.target.value })}
                    {...fieldProps(FORM, errors, cell(i, 'unitPriceCents'))}
                  />
                  <FieldError form={FORM} errors={errors} path={cell(i, 'unitPriceCents')} />
                </td>
                <td>
                  <input
                    className="short"
                    inputMode="numeric"
                    aria-label={t('billing.lines.coverageOf', { n: i + 1 })}
                    value={r.coverage}
                    onChange={(e) => change(r.key, { coverage: e.target.value })}
                    {...fieldProps(FORM, errors, cell(i, 'coveragePercent'))}
                  />
                  <FieldError form={FORM} errors={errors} path={cell(i, 'coveragePercent')} />
                </td>
                <td>
                  <select
                    aria-label={t('billing.lines.vatOf', { n: i + 1 })}
                    value={r.vatRate}
                    onChange={(e) => change(r.key, { vatRate: e.target.value as Row['vatRate'] })}
                    {...fieldProps(FORM, errors, cell(i, 'vatRateBp'))}
                  >
                    <option value="">{t('billing.lines.vatAuto')}</option>
                    {VAT_RATES.map((v) => (
                      <option key={v} value={v}>
                        {formatRate(v, i18n.language)}
                      </option>
                    ))}
                  </select>
                  <FieldError form={FORM} errors={errors} path={cell(i, 'vatRateBp')} />
                </td>
                <td>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('billing.lines.removeOf', { n: i + 1 })}
                    onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="button small" onClick={() => setRows((rs) => [...rs, blank()])}>
        {t('billing.lines.add')}
      </button>
      <label className="field field-check">
        <input type="checkbox" checked={energyWork} onChange={(e) => setEnergyWork(e.target.checked)} />
        <span>{t('billing.new.energyWork')}</span>
      </label>
      <FormField form={FORM} errors={errors} path="notes" label={t('billing.new.notes')}>
        <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </FormField>
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('common.working') : t('billing.lines.save')}
        </button>
        <button type="button" className="button subtle" onClick={onCancel}>
          {t('billing.cancel')}
        </button>
      </div>
    </form>
  );
}
