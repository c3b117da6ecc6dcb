// One quote, invoice or credit note: its lines (warranty deducted, the
// supplier's share), totals by VAT rate, payments and what remains due, and
// the moves the server allows from its state. An issued document is never
// edited: the screen offers credit notes and payments instead.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAYMENT_METHODS, VAT_RATES, type BillingApi, type BillingDocument, type Claim, type PaymentMethod, type VatRateBp } from './api.ts';
import { eurosInput, formatDay, formatEuros, formatNumber, formatPercent, formatRate, parseEuros, todayDay } from './format.ts';
import { FieldError, FormError, FormField, useFormErrors } from './forms.tsx';
import { Loading, Money, useRevealed } from './kit.tsx';
import { LinesEditor } from './LinesEditor.tsx';

type Mode = 'view' | 'edit' | 'pay' | 'credit';

export function DocumentDetail({ id, api, onChanged }: { id: string; api: BillingApi; onChanged: (doc: BillingDocument | null, open?: string) => void }) {
  const { t, i18n } = useTranslation();
  const [doc, setDoc] = useState<BillingDocument | null>(null);
  const [claims, setClaims] = useState<Claim[]>([]);
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const action = useFormErrors();
  const { fail } = action; // stable (useCallback): the loading effect depends on it alone
  const ref = useRevealed<HTMLElement>(doc?.id);

  useEffect(() => {
    let live = true;
    api
      .document(id)
      .then((d) => live && setDoc(d))
      .catch((e: unknown) => live && fail(e));
    return () => {
      live = false;
    };
  }, [api, id, fail]);

  const isIssuedInvoice = doc?.kind === 'invoice' && doc.status === 'issued';
  useEffect(() => {
    if (!isIssuedInvoice) return;
    let live = true;
    api
      .claimsOfInvoice(id)
      .then((c) => live && setClaims(c))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [api, id, isIssuedInvoice]);

  if (!doc)
    return (
      <div className="bo-card">
        <FormError errors={action.errors} />
        <Loading busy={!action.errors.message} />
      </div>
    );

  const title = `${t(`billing.kind.${doc.kind}`)} ${doc.number ?? t('billing.list.draftNumber')}`;
  const updated = (next: BillingDocument, message: string | null = null) => {
    setDoc(next);
    setMode('view');
    setDone(message);
    onChanged(next);
  };

  /** A button's move: the server answers the document, or says why not (409 shown as is). */
  const act = async (work: () => Promise<void>) => {
    action.clear();
    setDone(null);
    setBusy(true);
    try {
      await work();
    } catch (error) {
      action.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const issue = () =>
    act(async () => {
      const next = await api.issue(doc.id);
      updated(next, t('billing.detail.issued', { kind: t(`billing.kind.${next.kind}`), number: next.number ?? '' }));
    });
  const decide = (accepted: boolean) =>
    act(async () => updated(await api.decide(doc.id, accepted), t(accepted ? 'billing.detail.quoteAccepted' : 'billing.detail.quoteDeclined')));
  const invoice = () =>
    act(async () => {
      const draft = await api.invoiceQuote(doc.id);
      onChanged(draft, draft.id);
    });
  const remove = () =>
    act(async () => {
      if (!window.confirm(t('billing.detail.confirmDelete'))) return;
      await api.deleteDraft(doc.id);
      onChanged(null);
    });
  const openClaims = () =>
    act(async () => {
      const created = await api.claimsFromInvoice(doc.id);
      setClaims(await api.claimsOfInvoice(doc.id).catch(() => created));
      setDone(t('billing.detail.claimsOpened', { count: created.length }));
    });

  const draft = doc.status === 'draft';
  return (
    <article className="bo-card" aria-labelledby="document-title" ref={ref}>
      <header className="bo-card-head">
        <h2 id="document-title">{title}</h2>
        <span className={`chip doc-status is-${doc.status}`}>{t(`billing.status.${doc.status}`)}</span>
        {doc.balance && <span className={`chip balance is-${doc.balance.status}`}>{t(`billing.balance.${doc.balance.status}`)}</span>}
      </header>
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      <dl className="bo-facts">
        <div>
          <dt>{t('billing.detail.customer')}</dt>
          <dd>
            {doc.customerName}
            {doc.customerReference ? ` (${doc.customerReference})` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('billing.detail.issuedOn')}</dt>
          <dd>{formatDay(doc.issuedOn, i18n.language)}</dd>
        </div>
        {doc.kind === 'quote' ? (
          <div>
            <dt>{t('billing.detail.validUntil')}</dt>
            <dd>{formatDay(doc.validUntil, i18n.language)}</dd>
          </div>
        ) : (
          <div>
            <dt>{t('billing.detail.dueOn')}</dt>
            <dd>{formatDay(doc.dueOn, i18n.language)}</dd>
          </div>
        )}
        {doc.coverageStatus && (
          <div className="wide">
            <dt>{t('billing.detail.coverage')}</dt>
            <dd>
              <span className={`chip coverage is-${doc.coverageStatus}`}>{t(`billing.coverage.${doc.coverageStatus}`)}</span>{' '}
              {/* What is covered, from the lines (the stored rule is the server's sentence, not for the screen). */}
              {[...new Map(doc.lines.filter((l) => l.coveragePercent > 0).map((l) => [`${l.kind}:${l.coveragePercent}`, l])).values()]
                .map((l) => `${t(`billing.lineKind.${l.kind}`)} ${formatPercent(l.coveragePercent, i18n.language)}`)
                .join(' · ')}
            </dd>
          </div>
        )}
        {doc.notes && (
          <div className="wide">
            <dt>{t('billing.detail.notes')}</dt>
            <dd>{doc.notes}</dd>
          </div>
        )}
      </dl>

      {mode === 'edit' && draft && doc.kind !== 'credit_note' ? (
        <LinesEditor doc={doc} api={api} onSaved={(next) => updated(next, t('billing.detail.saved'))} onCancel={() => setMode('view')} />
      ) : (
        <LinesTable doc={doc} />
      )}

      <Totals doc={doc} />

      {doc.payments && doc.balance && <Payments doc={doc} />}

      {isIssuedInvoice && doc.supplierShareCents > 0 && (
        <section aria-labelledby="claims-title" className="bo-subsection">
          <h3 id="claims-title">{t('billing.detail.claims')}</h3>
          <p>
            {t('billing.detail.supplierShare')} <Money cents={doc.supplierShareCents} />
          </p>
          {claims.length > 0 && (
            <ul className="bo-plain-list">
              {claims.map((c) => (
                <li key={c.id}>
                  {c.reference} — {t(`warranties.status.${c.status}`)} — <Money cents={c.expectedCreditCents} />
                </li>
              ))}
            </ul>
          )}
          <a className="link" href="#/warranties">
            {t('billing.detail.seeClaims')}
          </a>
        </section>
      )}

      <FormError errors={action.errors} />
      {mode === 'pay' && (
        <PaymentForm
          doc={doc}
          api={api}
          onDone={(balance) => {
            void api.document(doc.id).then((next) => updated(next, t('billing.detail.paid', { due: formatEuros(balance, i18n.language) })));
          }}
          onCancel={() => setMode('view')}
        />
      )}
      {mode === 'credit' && <CreditNoteForm doc={doc} api={api} onDone={(note) => onChanged(note, note.id)} onCancel={() => setMode('view')} />}

      {mode === 'view' && (
        <div className="actions bo-actions" role="group" aria-label={t('billing.detail.actions')}>
          {draft && doc.kind !== 'credit_note' && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                setDone(null);
                setMode('edit');
              }}
            >
              {t('billing.actions.edit')}
            </button>
          )}
          {draft && (
            <button type="button" className="button primary" disabled={busy} onClick={() => void issue()}>
              {t('billing.actions.issue')}
            </button>
          )}
          {draft && (
            <button type="button" className="button subtle" disabled={busy} onClick={() => void remove()}>
              {t('billing.actions.delete')}
            </button>
          )}
          {doc.kind === 'quote' && doc.status === 'issued' && (
            <>
              <button type="button" className="button primary" disabled={busy} onClick={() => void decide(true)}>
                {t('billing.actions.accept')}
              </button>
              <button type="button" className="button" disabled={busy} onClick={() => void decide(false)}>
                {t('billing.actions.decline')}
              </button>
            </>
          )}
          {doc.kind === 'quote' && doc.status === 'accepted' && (
            <button type="button" className="button primary" disabled={busy} onClick={() => void invoice()}>
              {t('billing.actions.invoiceQuote')}
            </button>
          )}
          {isIssuedInvoice && (
            <>
              <button
                type="button"
                className="button primary"
                disabled={busy || doc.balance?.dueCents === 0}
                onClick={() => {
                  setDone(null);
                  action.clear();
                  setMode('pay');
                }}
              >
                {t('billing.actions.pay')}
              </button>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => {
                  setDone(null);
                  action.clear();
                  setMode('credit');
                }}
              >
                {t('billing.actions.credit')}
              </button>
              {doc.supplierShareCents > 0 && (
                <button type="button" className="button" disabled={busy} onClick={() => void openClaims()}>
                  {t('billing.actions.claims')}
                </button>
              )}
            </>
          )}
        </div>
      )}
      {!draft && doc.kind !== 'quote' && <p className="muted bo-note">{t('billing.detail.neverEdited')}</p>}
    </article>
  );
}

function LinesTable({ doc }: { doc: BillingDocument }) {
  const { t, i18n } = useTranslation();
  if (doc.lines.length === 0) return <p className="empty">{t('billing.lines.none')}</p>;
  return (
    <div className="bo-scroll">
      <table className="bo-table bo-lines" aria-label={t('billing.lines.title')}>
        <thead>
          <tr>
            <th scope="col">{t('billing.lines.kind')}</th>
            <th scope="col">{t('billing.lines.description')}</th>
            <th scope="col" className="num">
              {t('billing.lines.quantity')}
            </th>
            <th scope="col" className="num">
              {t('billing.lines.unitPrice')}
            </th>
            <th scope="col" className="num">
              {t('billing.lines.gross')}
            </th>
            <th scope="col" className="num">
              {t('billing.lines.covered')}
            </th>
            <th scope="col" className="num">
              {t('billing.lines.net')}
            </th>
            <th scope="col" className="num">
              {t('billing.lines.vat')}
            </th>
            <th scope="col" className="num">
              {t('billing.lines.supplierShare')}
            </th>
          </tr>
        </thead>
        <tbody>
          {doc.lines.map((l) => (
            <tr key={l.id}>
              <td>{t(`billing.lineKind.${l.kind}`)}</td>
              <td>{l.description}</td>
              <td className="num">{formatNumber(l.quantityMilli / 1000, i18n.language)}</td>
              <td className="num">
                <Money cents={l.unitPriceCents} />
              </td>
              <td className="num">
                <Money cents={l.grossCents} />
              </td>
              <td className="num">
                {l.coveredCents ? (
                  <>
                    <Money cents={-l.coveredCents} /> <span className="muted">({formatPercent(l.coveragePercent, i18n.language)})</span>
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className="num">
                <Money cents={l.netCents} />
              </td>
              <td className="num" title={t(`billing.vatRule.${l.vatRule}` as 'billing.vatRule.standard_rate', { defaultValue: l.vatRule })}>
                {formatRate(l.vatRateBp, i18n.language)}
              </td>
              <td className="num">{l.supplierShareCents ? <Money cents={l.supplierShareCents} /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Totals({ doc }: { doc: BillingDocument }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="bo-totals" aria-label={t('billing.totals.title')}>
      <tbody>
        <tr>
          <th scope="row">{t('billing.totals.gross')}</th>
          <td className="num">
            <Money cents={doc.grossCents} />
          </td>
        </tr>
        {doc.coveredCents !== 0 && (
          <tr>
            <th scope="row">{t('billing.totals.covered')}</th>
            <td className="num">
              <Money cents={-doc.coveredCents} />
            </td>
          </tr>
        )}
        <tr>
          <th scope="row">{t('billing.totals.net')}</th>
          <td className="num">
            <Money cents={doc.netCents} />
          </td>
        </tr>
        {doc.vatBreakdown.map((v) => (
          <tr key={v.rateBp} className="vat-row">
            <th scope="row">
              {t('billing.totals.vatAt', { rate: formatRate(v.rateBp, i18n.language) })}{' '}
              <span className="muted">
                {t('billing.totals.base')} <Money cents={v.baseCents} />
              </span>
            </th>
            <td className="num">
              <Money cents={v.vatCents} />
            </td>
          </tr>
        ))}
        <tr className="grand">
          <th scope="row">{t('billing.totals.total')}</th>
          <td className="num">
            <Money cents={doc.totalCents} />
          </td>
        </tr>
        {doc.supplierShareCents > 0 && (
          <tr>
            <th scope="row">{t('billing.totals.supplierShare')}</th>
            <td className="num">
              <Money cents={doc.supplierShareCents} />
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function Payments({ doc }: { doc: BillingDocument }) {
  const { t, i18n } = useTranslation();
  const balance = doc.balance!;
  return (
    <section aria-labelledby="payments-title" className="bo-subsection">
      <h3 id="payments-title">{t('billing.payments.title')}</h3>
      {doc.payments!.length === 0 ? (
        <p className="muted">{t('billing.payments.none')}</p>
      ) : (
        <table className="bo-table">
          <thead>
            <tr>
              <th scope="col">{t('billing.payments.receivedOn')}</th>
              <th scope="col">{t('billing.payments.method')}</th>
              <th scope="col">{t('billing.payments.reference')}</th>
              <th scope="col" className="num">
                {t('billing.payments.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {doc.payments!.map((p) => (
              <tr key={p.id}>
                <td>{formatDay(p.receivedOn, i18n.language)}</td>
                <td>{t(`billing.method.${p.method as PaymentMethod}`, { defaultValue: p.method })}</td>
                <td>{p.reference ?? '—'}</td>
                <td className="num">
                  <Money cents={p.amountCents} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <dl className="bo-facts bo-balance">
        <div>
          <dt>{t('billing.payments.total')}</dt>
          <dd>
            <Money cents={balance.totalCents} />
          </dd>
        </div>
        {balance.creditedCents !== 0 && (
          <div>
            <dt>{t('billing.payments.credited')}</dt>
            <dd>
              <Money cents={balance.creditedCents} />
            </dd>
          </div>
        )}
        <div>
          <dt>{t('billing.payments.paid')}</dt>
          <dd>
            <Money cents={balance.paidCents} />
          </dd>
        </div>
        <div className="due">
          <dt>{t('billing.payments.due')}</dt>
          <dd data-testid="amount-due">
            <Money cents={balance.dueCents} />
          </dd>
        </div>
      </dl>
    </section>
  );
}

const PAY = 'payment';
function PaymentForm({ doc, api, onDone, onCancel }: { doc: BillingDocument; api: BillingApi; onDone: (dueCents: number) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const [amount, setAmount] = useState(() => eurosInput(doc.balance?.dueCents ?? 0, i18n.language));
  const [receivedOn, setReceivedOn] = useState(todayDay());
  const [method, setMethod] = useState<PaymentMethod>('transfer');
  const [reference, setReference] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, hasLocal } = useFormErrors();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const cents = parseEuros(amount, true);
    if (
      hasLocal({
        ...(cents === null || cents === 0 ? { amountCents: t('billing.errors.amount') } : {}),
        ...(receivedOn ? {} : { receivedOn: t('billing.errors.required') }),
      })
    )
      return;
    setBusy(true);
    try {
      const answer = await api.pay(doc.id, { amountCents: cents!, receivedOn, method, ...(reference.trim() ? { reference: reference.trim() } : {}) });
      onDone(answer.balance.dueCents);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="bo-inline-form" aria-labelledby={`${PAY}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={`${PAY}-title`}>{t('billing.payments.record')}</h3>
      <FormError errors={errors} shown={['amountCents', 'receivedOn', 'method', 'reference']} />
      <div className="field-row">
        <FormField form={PAY} errors={errors} path="amountCents" label={t('billing.payments.amount')}>
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </FormField>
        <FormField form={PAY} errors={errors} path="receivedOn" label={t('billing.payments.receivedOn')}>
          <input type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} />
        </FormField>
        <FormField form={PAY} errors={errors} path="method" label={t('billing.payments.method')}>
          <select value={method} onChange={(e) => setMethod(e.target.value as PaymentMethod)}>
            {PAYMENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`billing.method.${m}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField form={PAY} errors={errors} path="reference" label={t('billing.payments.reference')}>
          <input value={reference} onChange={(e) => setReference(e.target.value)} />
        </FormField>
      </div>
      <p className="muted">{t('billing.payments.hint')}</p>
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('common.working') : t('billing.payments.submit')}
        </button>
        <button type="button" className="button subtle" onClick={onCancel}>
          {t('billing.cancel')}
        </button>
      </div>
    </form>
  );
}

const CREDIT = 'credit-note';
function CreditNoteForm({
  doc,
  api,
  onDone,
  onCancel,
}: {
  doc: BillingDocument;
  api: BillingApi;
  onDone: (note: BillingDocument) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const rates = doc.vatBreakdown.map((v) => v.rateBp).filter((r): r is VatRateBp => (VAT_RATES as readonly number[]).includes(r));
  const [whole, setWhole] = useState(true);
  const [amount, setAmount] = useState('');
  const [rate, setRate] = useState<VatRateBp>(rates[0] ?? 2000);
  const [description, setDescription] = useState('');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, hasLocal } = useFormErrors();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const cents = whole ? null : parseEuros(amount);
    if (
      !whole &&
      hasLocal({
        ...(cents === null || cents === 0 ? { 'lines[0].netCents': t('billing.errors.amount') } : {}),
        ...(description.trim() ? {} : { 'lines[0].description': t('billing.errors.required') }),
      })
    )
      return;
    setBusy(true);
    try {
      const note = await api.creditNote(doc.id, {
        ...(whole ? {} : { lines: [{ kind: 'other' as const, description: description.trim(), netCents: cents!, vatRateBp: rate }] }),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      });
      onDone(note);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="bo-inline-form" aria-labelledby={`${CREDIT}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={`${CREDIT}-title`}>{t('billing.credit.title')}</h3>
      <FormError errors={errors} shown={['lines[0].netCents', 'lines[0].description', 'lines[0].vatRateBp', 'lines', 'notes']} />
      <div className="actions">
        <label className="field-check">
          <input type="radio" name={`${CREDIT}-scope`} checked={whole} onChange={() => setWhole(true)} />
          <span>{t('billing.credit.whole')}</span>
        </label>
        <label className="field-check">
          <input type="radio" name={`${CREDIT}-scope`} checked={!whole} onChange={() => setWhole(false)} />
          <span>{t('billing.credit.partial')}</span>
        </label>
      </div>
      <FieldError form={CREDIT} errors={errors} path="lines" />
      {!whole && (
        <div className="field-row">
          <FormField form={CREDIT} errors={errors} path="lines[0].description" label={t('billing.credit.description')}>
            <input value={description} onChange={(e) => setDescription(e.target.value)} />
          </FormField>
          <FormField form={CREDIT} errors={errors} path="lines[0].netCents" label={t('billing.credit.amount')}>
            <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </FormField>
          <FormField form={CREDIT} errors={errors} path="lines[0].vatRateBp" label={t('billing.credit.rate')}>
            <select value={rate} onChange={(e) => setRate(Number(e.target.value) as VatRateBp)}>
              {rates.map((r) => (
                <option key={r} value={r}>
                  {formatRate(r, i18n.language)}
                </option>
              ))}
            </select>
          </FormField>
        </div>
      )}
      <FormField form={CREDIT} errors={errors} path="notes" label={t('billing.credit.notes')}>
        <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </FormField>
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('common.working') : t('billing.credit.submit')}
        </button>
        <button type="button" className="button subtle" onClick={onCancel}>
          {t('billing.cancel')}
        </button>
      </div>
    </form>
  );
}
