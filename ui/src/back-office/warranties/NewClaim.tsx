// Open a claim to a supplier by hand (claims for an invoice's supplier share
// are opened from the invoice, in Quotes & invoices).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseEuros } from '../billing/format.ts';
import { FormError, FormField, useFormErrors } from '../billing/forms.tsx';
import { useRevealed } from '../billing/kit.tsx';
import { CLAIM_KINDS, type Claim, type ClaimKind, type Supplier, type WarrantyApi } from './api.ts';

const FORM = 'new-claim';

export function NewClaim({
  agencyId,
  api,
  suppliers,
  onCreated,
  onCancel,
}: {
  agencyId: string;
  api: WarrantyApi;
  suppliers: readonly Supplier[];
  onCreated: (c: Claim) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [supplierId, setSupplierId] = useState('');
  const [kind, setKind] = useState<ClaimKind>('repair');
  const [expected, setExpected] = useState('');
  const [supplierReference, setSupplierReference] = useState('');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, hasLocal } = useFormErrors();
  const ref = useRevealed<HTMLFormElement>(true);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const cents = parseEuros(expected);
    if (
      hasLocal({
        ...(supplierId ? {} : { supplierId: t('billing.errors.required') }),
        ...(cents === null ? { expectedCreditCents: t('billing.errors.amount') } : {}),
      })
    )
      return;
    setBusy(true);
    try {
      onCreated(
        await api.openClaim({
          agencyId,
          supplierId,
          kind,
          expectedCreditCents: cents!,
          ...(supplierReference.trim() ? { supplierReference: supplierReference.trim() } : {}),
          ...(notes.trim() ? { notes: notes.trim() } : {}),
        }),
      );
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="bo-card" ref={ref} aria-labelledby={`${FORM}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={`${FORM}-title`}>{t('warranties.new.title')}</h2>
      <FormError errors={errors} shown={['supplierId', 'kind', 'expectedCreditCents', 'supplierReference', 'notes']} />
      <FormField form={FORM} errors={errors} path="supplierId" label={t('warranties.list.supplier')}>
        <select value={supplierId} onChange={(e) => setSupplierId(e.target.value)}>
          <option value="">{t('warranties.new.chooseSupplier')}</option>
          {suppliers.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </FormField>
      <FormField form={FORM} errors={errors} path="kind" label={t('warranties.list.kind')}>
        <select value={kind} onChange={(e) => setKind(e.target.value as ClaimKind)}>
          {CLAIM_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`warranties.kind.${k}`)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField form={FORM} errors={errors} path="expectedCreditCents" label={t('warranties.new.expected')}>
        <input inputMode="decimal" value={expected} onChange={(e) => setExpected(e.target.value)} />
      </FormField>
      <FormField form={FORM} errors={errors} path="supplierReference" label={t('warranties.detail.supplierReference')}>
        <input value={supplierReference} onChange={(e) => setSupplierReference(e.target.value)} />
      </FormField>
      <FormField form={FORM} errors={errors} path="notes" label={t('warranties.detail.notes')}>
        <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </FormField>
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('common.working') : t('warranties.new.submit')}
        </button>
        <button type="button" className="button subtle" onClick={onCancel}>
          {t('billing.cancel')}
        </button>
      </div>
    </form>
  );
}
