// One supplier claim: its facts, its history (the days it moved and what it
// posted to the books), and its next moves as buttons. Each move asks what it
// needs (the day; the credit note's amount and reference when credited); the
// server has the last word and its refusal is shown as it gives it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../billing/api.ts';
import { eurosInput, formatDay, parseEuros, todayDay } from '../billing/format.ts';
import { FormError, FormField, useFormErrors } from '../billing/forms.tsx';
import { Loading, Money, useRevealed } from '../billing/kit.tsx';
import { CLAIM_MOVES, equipmentLabel, toRecover, type Claim, type ClaimStatus, type ClaimTransitionInput, type WarrantyApi } from './api.ts';

export function ClaimDetail({
  id,
  api,
  supplierName,
  onChanged,
}: {
  id: string;
  api: WarrantyApi;
  supplierName: (id: string) => string;
  onChanged: (claim: Claim) => void;
}) {
  const { t, i18n } = useTranslation();
  const [claim, setClaim] = useState<Claim | null>(null);
  const [postings, setPostings] = useState<JournalEntry[]>([]);
  const [equipment, setEquipment] = useState<string | null>(null);
  const [move, setMove] = useState<ClaimStatus | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = useFormErrors();
  const { fail } = load; // stable (useCallback): the loading effect depends on it alone
  const ref = useRevealed<HTMLElement>(claim?.id);

  useEffect(() => {
    let live = true;
    api
      .claim(id)
      .then((c) => {
        if (!live) return;
        setClaim(c);
        if (c.equipmentId)
          api
            .equipment(c.equipmentId)
            .then((e) => live && setEquipment(equipmentLabel(e, i18n.language)))
            .catch(() => {});
      })
      .catch((e: unknown) => live && fail(e));
    api
      .postings(id)
      .then((p) => live && setPostings(p))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [api, id, fail, i18n.language]);

  if (!claim)
    return (
      <div className="bo-card">
        <FormError errors={load.errors} />
        <Loading busy={!load.errors.message} />
      </div>
    );

  const moved = (next: Claim) => {
    setClaim(next);
    setMove(null);
    setDone(t('warranties.detail.moved', { status: t(`warranties.status.${next.status}`) }));
    api
      .postings(id)
      .then(setPostings)
      .catch(() => {});
    onChanged(next);
  };

  const history = historyOf(claim);
  return (
    <article className="bo-card" aria-labelledby="claim-title" ref={ref}>
      <header className="bo-card-head">
        <h2 id="claim-title">{t('warranties.detail.title', { reference: claim.reference })}</h2>
        <span className={`chip claim-status is-${claim.status}`}>{t(`warranties.status.${claim.status}`)}</span>
      </header>
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      <dl className="bo-facts">
        <div>
          <dt>{t('warranties.list.supplier')}</dt>
          <dd>{supplierName(claim.supplierId)}</dd>
        </div>
        <div>
          <dt>{t('warranties.list.kind')}</dt>
          <dd>{t(`warranties.kind.${claim.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('warranties.list.equipment')}</dt>
          <dd>{claim.equipmentId ? (equipment ?? '…') : '—'}</dd>
        </div>
        <div>
          <dt>{t('warranties.detail.supplierReference')}</dt>
          <dd>{claim.supplierReference ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('warranties.list.expected')}</dt>
          <dd>
            <Money cents={claim.expectedCreditCents} />
          </dd>
        </div>
        <div>
          <dt>{t('warranties.list.received')}</dt>
          <dd>
            <Money cents={claim.receivedCreditCents} />
          </dd>
        </div>
        <div>
          <dt>{t('warranties.list.toRecover')}</dt>
          <dd>
            <Money cents={toRecover(claim)} />
          </dd>
        </div>
        {claim.creditNoteReference && (
          <div>
            <dt>{t('warranties.detail.creditNote')}</dt>
            <dd>{claim.creditNoteReference}</dd>
          </div>
        )}
        {claim.invoiceId && (
          <div>
            <dt>{t('warranties.detail.invoice')}</dt>
            <dd>
              <a className="link" href="#/billing">
                {t('warranties.detail.fromInvoice')}
              </a>
            </dd>
          </div>
        )}
        {claim.notes && (
          <div className="wide">
            <dt>{t('warranties.detail.notes')}</dt>
            <dd>{claim.notes}</dd>
          </div>
        )}
      </dl>

      <section className="bo-subsection" aria-labelledby="claim-history">
        <h3 id="claim-history">{t('warranties.detail.history')}</h3>
        <ol className="bo-history">
          {history.map((h) => (
            <li key={h.key}>
              <span className="bo-history-day">{h.day.length > 10 ? formatDay(h.day.slice(0, 10), i18n.language) : formatDay(h.day, i18n.language)}</span>{' '}
              {t(`warranties.history.${h.key}`)}
              {h.key === 'credited' && (
                <>
                  {' '}
                  — <Money cents={claim.receivedCreditCents} />
                </>
              )}
            </li>
          ))}
        </ol>
        {postings.length > 0 && (
          <>
            <h4>{t('warranties.detail.postings')}</h4>
            <ul className="bo-plain-list">
              {postings.map((e) => (
                <li key={e.id}>
                  {formatDay(e.date, i18n.language)} — {e.journal} {e.number} — {e.label} — <Money cents={e.lines.reduce((s, l) => s + l.debitCents, 0)} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {move ? (
        <MoveForm claim={claim} to={move} api={api} onMoved={moved} onCancel={() => setMove(null)} />
      ) : (
        CLAIM_MOVES[claim.status].length > 0 && (
          <div className="actions bo-actions" role="group" aria-label={t('warranties.detail.actions')}>
            {CLAIM_MOVES[claim.status].map((to) => (
              <button
                key={to}
                type="button"
                className={`button${to === 'closed' ? ' subtle' : to === 'refused' ? '' : ' primary'}`}
                onClick={() => {
                  setDone(null);
                  setMove(to);
                }}
              >
                {t(`warranties.move.${to}`)}
              </button>
            ))}
          </div>
        )
      )}
    </article>
  );
}

type HistoryKey = 'opened' | 'submitted' | 'accepted' | 'refused' | 'credited' | 'closed';

/** The days the claim moved, from its own record. */
function historyOf(c: Claim): { key: HistoryKey; day: string }[] {
  const out: { key: HistoryKey; day: string }[] = [{ key: 'opened', day: c.createdAt }];
  if (c.submittedOn) out.push({ key: 'submitted', day: c.submittedOn });
  // A credited claim always has its creditedOn: an answer without one that ended closed was a refusal.
  if (c.answeredOn) out.push({ key: c.status === 'refused' || (c.status === 'closed' && !c.creditedOn) ? 'refused' : 'accepted', day: c.answeredOn });
  if (c.creditedOn) out.push({ key: 'credited', day: c.creditedOn });
  if (c.status === 'closed') out.push({ key: 'closed', day: c.updatedAt });
  return out;
}

const FORM = 'claim-move';
function MoveForm({
  claim,
  to,
  api,
  onMoved,
  onCancel,
}: {
  claim: Claim;
  to: ClaimStatus;
  api: WarrantyApi;
  onMoved: (c: Claim) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [on, setOn] = useState(todayDay());
  const [expected, setExpected] = useState(() => eurosInput(claim.expectedCreditCents, i18n.language));
  const [received, setReceived] = useState(() => eurosInput(Math.max(0, claim.expectedCreditCents - claim.receivedCreditCents), i18n.language));
  const [creditNote, setCreditNote] = useState('');
  const [supplierReference, setSupplierReference] = useState(claim.supplierReference ?? '');
  const [busy, setBusy] = useState(false);
  const { errors, fail, hasLocal } = useFormErrors();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    const body: ClaimTransitionInput = { to, ...(on ? { on } : {}) };
    if (to === 'submitted') {
      const cents = parseEuros(expected);
      if (cents === null) local.expectedCreditCents = t('billing.errors.amount');
      else if (cents !== claim.expectedCreditCents) body.expectedCreditCents = cents;
    }
    if (to === 'credited') {
      const cents = parseEuros(received);
      if (cents === null) local.receivedCreditCents = t('billing.errors.amount');
      else body.receivedCreditCents = cents;
      if (creditNote.trim()) body.creditNoteReference = creditNote.trim();
    }
    if ((to === 'submitted' || to === 'accepted') && supplierReference.trim() && supplierReference.trim() !== claim.supplierReference)
      body.supplierReference = supplierReference.trim();
    if (hasLocal(local)) return;
    setBusy(true);
    try {
      onMoved(await api.move(claim.id, body));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="bo-inline-form" aria-labelledby={`${FORM}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={`${FORM}-title`}>{t(`warranties.move.${to}`)}</h3>
      <FormError errors={errors} shown={['on', 'expectedCreditCents', 'receivedCreditCents', 'creditNoteReference', 'supplierReference']} />
      <div className="field-row">
        <FormField form={FORM} errors={errors} path="on" label={t('warranties.moveForm.on')}>
          <input type="date" value={on} onChange={(e) => setOn(e.target.value)} />
        </FormField>
        {to === 'submitted' && (
          <FormField form={FORM} errors={errors} path="expectedCreditCents" label={t('warranties.moveForm.expected')}>
            <input inputMode="decimal" value={expected} onChange={(e) => setExpected(e.target.value)} />
          </FormField>
        )}
        {(to === 'submitted' || to === 'accepted') && (
          <FormField form={FORM} errors={errors} path="supplierReference" label={t('warranties.detail.supplierReference')}>
            <input value={supplierReference} onChange={(e) => setSupplierReference(e.target.value)} />
          </FormField>
        )}
        {to === 'credited' && (
          <>
            <FormField form={FORM} errors={errors} path="receivedCreditCents" label={t('warranties.moveForm.received')}>
              <input inputMode="decimal" value={received} onChange={(e) => setReceived(e.target.value)} />
            </FormField>
            <FormField form={FORM} errors={errors} path="creditNoteReference" label={t('warranties.moveForm.creditNote')}>
              <input value={creditNote} onChange={(e) => setCreditNote(e.target.value)} />
            </FormField>
          </>
        )}
      </div>
      <p className="muted">{t(`warranties.moveHint.${to}`)}</p>
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('common.working') : t('warranties.moveForm.confirm')}
        </button>
        <button type="button" className="button subtle" onClick={onCancel}>
          {t('billing.cancel')}
        </button>
      </div>
    </form>
  );
}
