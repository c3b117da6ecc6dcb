// The two reports: amounts still to recover from suppliers (per supplier,
// with the total), and purchased warranties and contracts spent vs budgeted
// (overruns highlighted).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../billing/format.ts';
import { errorsOf } from '../billing/forms.tsx';
import { Loading, Money } from '../billing/kit.tsx';
import type { BudgetReport, RecoverableReport, WarrantyApi } from './api.ts';

export function Recoverable({ agencyId, api }: { agencyId: string; api: WarrantyApi }) {
  const { t } = useTranslation();
  const [report, setReport] = useState<RecoverableReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setReport(null);
    api
      .recoverable(agencyId)
      .then((r) => live && setReport(r))
      .catch((e: unknown) => live && setError(errorsOf(e, t('billing.errors.offline')).message));
    return () => {
      live = false;
    };
  }, [api, agencyId, t]);

  return (
    <section aria-labelledby="recoverable-title" className="bo-report">
      <h2 id="recoverable-title">{t('warranties.recoverable.title')}</h2>
      <p className="muted">{t('warranties.recoverable.hint')}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Loading busy={!report && !error} />
      {report && report.rows.length === 0 && <p className="empty">{t('warranties.recoverable.none')}</p>}
      {report && (
        <table className="bo-table" aria-label={t('warranties.recoverable.title')}>
          <thead>
            <tr>
              <th scope="col">{t('warranties.list.supplier')}</th>
              <th scope="col" className="num">
                {t('warranties.recoverable.claims')}
              </th>
              <th scope="col" className="num">
                {t('warranties.recoverable.outstanding')}
              </th>
              <th scope="col" className="num">
                {t('warranties.recoverable.unclaimed')}
              </th>
              <th scope="col" className="num">
                {t('warranties.recoverable.shortfall')}
              </th>
              <th scope="col" className="num">
                {t('warranties.recoverable.rowTotal')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.supplierId}>
                <th scope="row">{r.supplierName}</th>
                <td className="num">{r.claims}</td>
                <td className="num">
                  <Money cents={r.outstandingCents} />
                </td>
                <td className="num">
                  <Money cents={r.unclaimedCents} />
                </td>
                <td className="num">
                  <Money cents={r.shortfallCents} />
                </td>
                <td className="num">
                  <Money cents={r.outstandingCents + r.unclaimedCents + r.shortfallCents} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="grand">
              <th scope="row" colSpan={5}>
                {t('warranties.recoverable.total')}
              </th>
              <td className="num" data-testid="recoverable-total">
                <Money cents={report.totalCents} />
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}

export function Budgets({ api }: { api: WarrantyApi }) {
  const { t, i18n } = useTranslation();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [report, setReport] = useState<BudgetReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (year < 2000 || year > 2100) return;
    let live = true;
    setReport(null);
    setError(null);
    api
      .budgets(year)
      .then((r) => live && setReport(r))
      .catch((e: unknown) => live && setError(errorsOf(e, t('billing.errors.offline')).message));
    return () => {
      live = false;
    };
  }, [api, year, t]);

  const over = (r: BudgetReport['rows'][number]) => r.budgetCents !== null && r.spentCents > r.budgetCents;
  return (
    <section aria-labelledby="budgets-title" className="bo-report">
      <h2 id="budgets-title">{t('warranties.budgets.title')}</h2>
      <div className="bo-toolbar">
        <label className="field inline">
          <span>{t('warranties.budgets.year')}</span>
          <input type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} className="short" />
        </label>
      </div>
      <p className="muted">{t('warranties.budgets.hint')}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Loading busy={!report && !error} />
      {report && report.rows.length === 0 && <p className="empty">{t('warranties.budgets.none')}</p>}
      {report && report.rows.length > 0 && (
        <table className="bo-table" aria-label={t('warranties.budgets.title')}>
          <thead>
            <tr>
              <th scope="col">{t('warranties.budgets.kind')}</th>
              <th scope="col">{t('warranties.budgets.label')}</th>
              <th scope="col" className="num">
                {t('warranties.budgets.budget')}
              </th>
              <th scope="col" className="num">
                {t('warranties.budgets.revenue')}
              </th>
              <th scope="col" className="num">
                {t('warranties.budgets.spent')}
              </th>
              <th scope="col" className="num">
                {t('warranties.budgets.used')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={`${r.kind}-${r.id}`} className={over(r) ? 'is-over' : undefined}>
                <td>{t(`warranties.budgets.kinds.${r.kind}`)}</td>
                <th scope="row">{r.label}</th>
                <td className="num">
                  <Money cents={r.budgetCents} />
                </td>
                <td className="num">
                  <Money cents={r.revenueCents} />
                </td>
                <td className="num">
                  <Money cents={r.spentCents} />
                </td>
                <td className="num">
                  {formatPercent(r.usedPercent === null ? null : Math.round(r.usedPercent), i18n.language)}
                  {over(r) && (
                    <>
                      {' '}
                      <span className="chip over">{t('warranties.budgets.overrun')}</span>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
