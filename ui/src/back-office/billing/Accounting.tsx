// The month's books: journal entries as posted (each balanced, and the month's
// debit and credit totals equal), and the FEC export of the month.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoard } from '../../state/context.tsx';
import { billingApi, fecUrl, type JournalEntry } from './api.ts';
import { formatDay, monthRange, todayDay } from './format.ts';
import { errorsOf } from './forms.tsx';
import { Loading, Money } from './kit.tsx';
import { useBackOfficeHttp } from '../shared/client.ts';

export function Accounting() {
  const { t, i18n } = useTranslation();
  const rest = useBackOfficeHttp();
  const api = useMemo(() => billingApi(rest), [rest]);
  const role = useBoard((s) => s.session?.user.role);
  const [month, setMonth] = useState(() => todayDay().slice(0, 7));
  const [entries, setEntries] = useState<JournalEntry[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const valid = /^\d{4}-\d{2}$/.test(month);
  const range = valid ? monthRange(month) : null;
  const from = range?.from;
  const to = range?.to;

  useEffect(() => {
    if (!from || !to) return;
    let live = true;
    setEntries(null);
    setError(null);
    api
      .journal(from, to)
      .then((page) => {
        if (live) {
          setEntries(page.items);
          setTotal(page.total);
        }
      })
      .catch((e: unknown) => live && setError(errorsOf(e, t('billing.errors.offline')).message));
    return () => {
      live = false;
    };
  }, [api, from, to, t]);

  const sums = useMemo(() => {
    let debit = 0;
    let credit = 0;
    for (const e of entries ?? [])
      for (const l of e.lines) {
        debit += l.debitCents;
        credit += l.creditCents;
      }
    return { debit, credit };
  }, [entries]);

  return (
    <div className="bo-accounting">
      <div className="bo-toolbar">
        <label className="field inline">
          <span>{t('billing.accounting.month')}</span>
          <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
        </label>
        {range && (
          <a className="button" href={fecUrl(range.from, range.to)} download>
            {t('billing.accounting.fec')}
          </a>
        )}
        {role !== 'admin' && <span className="muted">{t('billing.accounting.fecAdmin')}</span>}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Loading busy={entries === null && !error && valid} />
      {entries && entries.length === 0 && <p className="empty">{t('billing.accounting.none')}</p>}
      {entries && entries.length > 0 && (
        <table className="bo-table bo-journal" aria-label={t('billing.accounting.title')}>
          <thead>
            <tr>
              <th scope="col">{t('billing.accounting.date')}</th>
              <th scope="col">{t('billing.accounting.journal')}</th>
              <th scope="col">{t('billing.accounting.piece')}</th>
              <th scope="col">{t('billing.accounting.account')}</th>
              <th scope="col">{t('billing.accounting.label')}</th>
              <th scope="col" className="num">
                {t('billing.accounting.debit')}
              </th>
              <th scope="col" className="num">
                {t('billing.accounting.credit')}
              </th>
            </tr>
          </thead>
          {entries.map((e) => (
            <tbody key={e.id} className="journal-entry">
              {e.lines.map((l, i) => (
                <tr key={l.position}>
                  <td>{i === 0 ? formatDay(e.date, i18n.language) : ''}</td>
                  <td>{i === 0 ? `${e.journal} ${e.number}` : ''}</td>
                  <td>{i === 0 ? e.pieceRef : ''}</td>
                  <td>
                    <span title={l.accountLabel}>{l.account}</span>
                    {l.auxAccount ? <span className="muted"> {l.auxAccount}</span> : null}
                  </td>
                  <td>{l.label}</td>
                  <td className="num">{l.debitCents ? <Money cents={l.debitCents} /> : ''}</td>
                  <td className="num">{l.creditCents ? <Money cents={l.creditCents} /> : ''}</td>
                </tr>
              ))}
            </tbody>
          ))}
          <tfoot>
            <tr className="grand">
              <th scope="row" colSpan={5}>
                {t('billing.accounting.totals')}{' '}
                <span className={`chip ${sums.debit === sums.credit ? 'ok' : 'warn'}`} role="status">
                  {sums.debit === sums.credit ? t('billing.accounting.balanced') : t('billing.accounting.unbalanced')}
                </span>
              </th>
              <td className="num" data-testid="journal-debit">
                <Money cents={sums.debit} />
              </td>
              <td className="num" data-testid="journal-credit">
                <Money cents={sums.credit} />
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      {entries && total > entries.length && <p className="muted">{t('billing.list.more', { shown: entries.length, total })}</p>}
    </div>
  );
}
