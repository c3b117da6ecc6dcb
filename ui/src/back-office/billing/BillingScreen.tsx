// Quotes & invoices (#/billing): the agency's documents with filters, one
// document's detail and the moves the server allows on it, drafting from a
// visit, and the month's books (journal entries, FEC export).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Accounting } from './Accounting.tsx';
import { AccountingExports } from '../accounting/AccountingExports.tsx';
import { billingApi, DOCUMENT_KINDS, DOCUMENT_STATUSES, type Balance, type BillingDocument, type DocumentKind, type DocumentStatus } from './api.ts';
import { DocumentDetail } from './DocumentDetail.tsx';
import { formatDay } from './format.ts';
import { errorsOf } from './forms.tsx';
import { Loading, Money, TabPanel, Tabs } from './kit.tsx';
import { NewDocument } from './NewDocument.tsx';
import { useBackOfficeHttp } from '../shared/client.ts';
import { ListExport } from '../shared/ListExport.tsx';

type Tab = 'documents' | 'accounting' | 'exports';

export function BillingScreen({ agencyId }: { agencyId: string | null }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('documents');
  return (
    <section className="bo-screen" aria-labelledby="billing-title">
      <header className="bo-header">
        <h1 id="billing-title">{t('billing.title')}</h1>
      </header>
      <Tabs
        id="billing"
        label={t('billing.title')}
        value={tab}
        onChange={setTab}
        tabs={[
          { id: 'documents', label: t('billing.tabs.documents') },
          { id: 'accounting', label: t('billing.tabs.accounting') },
          { id: 'exports', label: t('accountingExport.tab') },
        ]}
      />
      <TabPanel id="billing" value={tab}>
        {!agencyId ? (
          <Loading busy />
        ) : tab === 'documents' ? (
          <Documents key={agencyId} agencyId={agencyId} />
        ) : tab === 'accounting' ? (
          <Accounting />
        ) : (
          <AccountingExports />
        )}
      </TabPanel>
    </section>
  );
}

function Documents({ agencyId }: { agencyId: string }) {
  const { t, i18n } = useTranslation();
  const rest = useBackOfficeHttp();
  const api = useMemo(() => billingApi(rest), [rest]);
  const [kind, setKind] = useState<DocumentKind | ''>('');
  const [status, setStatus] = useState<DocumentStatus | ''>('');
  const [docs, setDocs] = useState<BillingDocument[] | null>(null);
  const [total, setTotal] = useState(0);
  const [balances, setBalances] = useState<Record<string, Balance>>({});
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    api
      .documents({ agencyId, kind: kind || undefined, status: status || undefined })
      .then(async (page) => {
        if (!live) return;
        setDocs(page.items);
        setTotal(page.total);
        // The list carries no balance: ask each issued invoice what remains due.
        const issued = page.items.filter((d) => d.kind === 'invoice' && d.status === 'issued');
        const found: Record<string, Balance> = {};
        for (let i = 0; i < issued.length; i += 6) {
          const answers = await Promise.all(issued.slice(i, i + 6).map((d) => api.document(d.id).catch(() => null)));
          for (const a of answers) if (a?.balance) found[a.id] = a.balance;
          if (!live) return;
        }
        setBalances(found);
      })
      .catch((e: unknown) => live && setError(errorsOf(e, t('billing.errors.offline')).message));
    return () => {
      live = false;
    };
  }, [api, agencyId, kind, status, reload, t]);

  const changed = useCallback((doc: BillingDocument | null, open?: string) => {
    setReload((n) => n + 1);
    if (doc?.balance) setBalances((b) => ({ ...b, [doc.id]: doc.balance! }));
    if (open !== undefined) setSelected(open);
    else if (doc === null) setSelected(null);
  }, []);

  return (
    <div className="bo-split is-stacked">
      <div className="bo-list">
        <div className="bo-toolbar">
          <label className="field inline">
            <span>{t('billing.filters.kind')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as DocumentKind | '')}>
              <option value="">{t('billing.filters.all')}</option>
              {DOCUMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`billing.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field inline">
            <span>{t('billing.filters.status')}</span>
            <select value={status} onChange={(e) => setStatus(e.target.value as DocumentStatus | '')}>
              <option value="">{t('billing.filters.all')}</option>
              {DOCUMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`billing.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button primary"
            onClick={() => {
              setCreating(true);
              setSelected(null);
            }}
          >
            {t('billing.new.open')}
          </button>
          <ListExport
            choices={[
              { list: 'billing-documents', query: { agencyId, kind, status } },
              { list: 'payments', query: { agencyId } },
            ]}
          />
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <Loading busy={docs === null && !error} />
        {docs && docs.length === 0 && <p className="empty">{t('billing.list.empty')}</p>}
        {docs && docs.length > 0 && (
          <table className="bo-table" aria-label={t('billing.list.title')}>
            <thead>
              <tr>
                <th scope="col">{t('billing.list.number')}</th>
                <th scope="col">{t('billing.list.kind')}</th>
                <th scope="col">{t('billing.list.status')}</th>
                <th scope="col">{t('billing.list.customer')}</th>
                <th scope="col">{t('billing.list.issuedOn')}</th>
                <th scope="col">{t('billing.list.dueOn')}</th>
                <th scope="col" className="num">
                  {t('billing.list.net')}
                </th>
                <th scope="col" className="num">
                  {t('billing.list.total')}
                </th>
                <th scope="col" className="num">
                  {t('billing.list.remaining')}
                </th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d) => (
                <tr key={d.id} className={d.id === selected ? 'is-selected' : undefined}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-current={d.id === selected ? 'true' : undefined}
                      onClick={() => {
                        setSelected(d.id);
                        setCreating(false);
                      }}
                    >
                      {d.number ?? t('billing.list.draftNumber')}
                    </button>
                  </td>
                  <td>{t(`billing.kind.${d.kind}`)}</td>
                  <td>
                    <span className={`chip doc-status is-${d.status}`}>{t(`billing.status.${d.status}`)}</span>
                  </td>
                  <td>{d.customerName}</td>
                  <td>{formatDay(d.issuedOn, i18n.language)}</td>
                  <td>{formatDay(d.kind === 'quote' ? d.validUntil : d.dueOn, i18n.language)}</td>
                  <td className="num">
                    <Money cents={d.netCents} />
                  </td>
                  <td className="num">
                    <Money cents={d.totalCents} />
                  </td>
                  <td className="num">{balances[d.id] ? <Money cents={balances[d.id]!.dueCents} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {docs && total > docs.length && <p className="muted">{t('billing.list.more', { shown: docs.length, total })}</p>}
      </div>
      <div className="bo-detail">
        {creating && (
          <NewDocument
            agencyId={agencyId}
            api={api}
            onCancel={() => setCreating(false)}
            onCreated={(doc) => {
              setCreating(false);
              changed(doc, doc.id);
            }}
          />
        )}
        {!creating && selected && <DocumentDetail key={selected} id={selected} api={api} onChanged={changed} />}
        {!creating && !selected && <p className="empty">{t('billing.detail.none')}</p>}
      </div>
    </div>
  );
}
