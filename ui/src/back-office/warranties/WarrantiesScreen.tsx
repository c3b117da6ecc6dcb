// Warranty claims (#/warranties): supplier claims with their life and the
// moves the server allows, the amounts still to recover from suppliers, the
// budgets of purchased warranties and contracts, and the warranty status of
// an equipment with the rule that decided it.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorsOf } from '../billing/forms.tsx';
import { formatDay } from '../billing/format.ts';
import { Loading, Money, TabPanel, Tabs } from '../billing/kit.tsx';
import { useBackOfficeHttp } from '../shared/client.ts';
import { ListExport } from '../shared/ListExport.tsx';
import { CLAIM_STATUSES, equipmentLabel, toRecover, warrantyApi, type Claim, type ClaimStatus, type Supplier, type WarrantyApi } from './api.ts';
import { ClaimDetail } from './ClaimDetail.tsx';
import { EquipmentLookup } from './EquipmentLookup.tsx';
import { NewClaim } from './NewClaim.tsx';
import { Budgets, Recoverable } from './Reports.tsx';

type Tab = 'claims' | 'recoverable' | 'budgets' | 'equipment';

export function WarrantiesScreen({ agencyId }: { agencyId: string | null }) {
  const { t } = useTranslation();
  const rest = useBackOfficeHttp();
  const api = useMemo(() => warrantyApi(rest), [rest]);
  const [tab, setTab] = useState<Tab>('claims');
  const [suppliers, setSuppliers] = useState<Supplier[]>([]);
  useEffect(() => {
    let live = true;
    api
      .suppliers()
      .then((s) => live && setSuppliers(s))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [api]);

  return (
    <section className="bo-screen" aria-labelledby="warranties-title">
      <header className="bo-header">
        <h1 id="warranties-title">{t('warranties.title')}</h1>
      </header>
      <Tabs
        id="warranties"
        label={t('warranties.title')}
        value={tab}
        onChange={setTab}
        tabs={[
          { id: 'claims', label: t('warranties.tabs.claims') },
          { id: 'recoverable', label: t('warranties.tabs.recoverable') },
          { id: 'budgets', label: t('warranties.tabs.budgets') },
          { id: 'equipment', label: t('warranties.tabs.equipment') },
        ]}
      />
      <TabPanel id="warranties" value={tab}>
        {!agencyId ? (
          <Loading busy />
        ) : (
          <>
            {tab === 'claims' && <Claims key={agencyId} agencyId={agencyId} api={api} suppliers={suppliers} />}
            {tab === 'recoverable' && <Recoverable agencyId={agencyId} api={api} />}
            {tab === 'budgets' && <Budgets api={api} />}
            {tab === 'equipment' && <EquipmentLookup api={api} />}
          </>
        )}
      </TabPanel>
    </section>
  );
}

function Claims({ agencyId, api, suppliers }: { agencyId: string; api: WarrantyApi; suppliers: readonly Supplier[] }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<ClaimStatus | ''>('');
  const [supplierId, setSupplierId] = useState('');
  const [claims, setClaims] = useState<Claim[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [reload, setReload] = useState(0);
  const names = useMemo(() => new Map(suppliers.map((s) => [s.id, s.name])), [suppliers]);
  const [equipment, setEquipment] = useState<Record<string, string>>({});

  useEffect(() => {
    let live = true;
    setError(null);
    api
      .claims({ agencyId, status: status || undefined, supplierId: supplierId || undefined })
      .then((page) => {
        if (live) {
          setClaims(page.items);
          setTotal(page.total);
        }
      })
      .catch((e: unknown) => live && setError(errorsOf(e, t('billing.errors.offline')).message));
    return () => {
      live = false;
    };
  }, [api, agencyId, status, supplierId, reload, t]);

  // The equipment of the claims listed, by name (once each).
  useEffect(() => {
    const missing = [...new Set((claims ?? []).map((c) => c.equipmentId).filter((id): id is string => !!id && !(id in equipment)))];
    if (missing.length === 0) return;
    let live = true;
    void Promise.all(
      missing.map((id) =>
        api
          .equipment(id)
          .then((e) => [id, equipmentLabel(e, i18n.language)] as const)
          .catch(() => [id, '—'] as const),
      ),
    ).then((found) => live && setEquipment((known) => ({ ...known, ...Object.fromEntries(found) })));
    return () => {
      live = false;
    };
  }, [api, claims, equipment, i18n.language]);

  const changed = useCallback((claim: Claim) => {
    setReload((n) => n + 1);
    setSelected(claim.id);
  }, []);

  return (
    <div className="bo-split is-stacked">
      <div className="bo-list">
        <div className="bo-toolbar">
          <label className="field inline">
            <span>{t('warranties.filters.status')}</span>
            <select value={status} onChange={(e) => setStatus(e.target.value as ClaimStatus | '')}>
              <option value="">{t('warranties.filters.all')}</option>
              {CLAIM_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`warranties.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field inline">
            <span>{t('warranties.filters.supplier')}</span>
            <select value={supplierId} onChange={(e) => setSupplierId(e.target.value)}>
              <option value="">{t('warranties.filters.all')}</option>
              {suppliers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
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
            {t('warranties.new.open')}
          </button>
          <ListExport choices={[{ list: 'warranty-claims', query: { agencyId, status, supplierId } }]} />
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <Loading busy={claims === null && !error} />
        {claims && claims.length === 0 && <p className="empty">{t('warranties.list.empty')}</p>}
        {claims && claims.length > 0 && (
          <table className="bo-table" aria-label={t('warranties.list.title')}>
            <thead>
              <tr>
                <th scope="col">{t('warranties.list.reference')}</th>
                <th scope="col">{t('warranties.list.supplier')}</th>
                <th scope="col">{t('warranties.list.kind')}</th>
                <th scope="col">{t('warranties.list.status')}</th>
                <th scope="col">{t('warranties.list.equipment')}</th>
                <th scope="col">{t('warranties.list.submittedOn')}</th>
                <th scope="col" className="num">
                  {t('warranties.list.expected')}
                </th>
                <th scope="col" className="num">
                  {t('warranties.list.received')}
                </th>
                <th scope="col" className="num">
                  {t('warranties.list.toRecover')}
                </th>
              </tr>
            </thead>
            <tbody>
              {claims.map((c) => (
                <tr key={c.id} className={c.id === selected ? 'is-selected' : undefined}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-current={c.id === selected ? 'true' : undefined}
                      onClick={() => {
                        setSelected(c.id);
                        setCreating(false);
                      }}
                    >
                      {c.reference}
                    </button>
                  </td>
                  <td>{names.get(c.supplierId) ?? '—'}</td>
                  <td>{t(`warranties.kind.${c.kind}`)}</td>
                  <td>
                    <span className={`chip claim-status is-${c.status}`}>{t(`warranties.status.${c.status}`)}</span>
                  </td>
                  <td>{c.equipmentId ? (equipment[c.equipmentId] ?? '…') : '—'}</td>
                  <td>{formatDay(c.submittedOn, i18n.language)}</td>
                  <td className="num">
                    <Money cents={c.expectedCreditCents} />
                  </td>
                  <td className="num">
                    <Money cents={c.receivedCreditCents} />
                  </td>
                  <td className="num">
                    <Money cents={toRecover(c)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {claims && total > claims.length && <p className="muted">{t('billing.list.more', { shown: claims.length, total })}</p>}
      </div>
      <div className="bo-detail">
        {creating && (
          <NewClaim
            agencyId={agencyId}
            api={api}
            suppliers={suppliers}
            onCancel={() => setCreating(false)}
            onCreated={(c) => {
              setCreating(false);
              changed(c);
            }}
          />
        )}
        {!creating && selected && <ClaimDetail key={selected} id={selected} api={api} supplierName={(id) => names.get(id) ?? id} onChanged={changed} />}
        {!creating && !selected && <p className="empty">{t('warranties.detail.none')}</p>}
      </div>
    </div>
  );
}
