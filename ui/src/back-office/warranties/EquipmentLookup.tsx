// "Warranty status of an equipment": find it by serial number or by its site
// (name, address, town, postcode), then the server's verdict for a day and
// the rule that decided it, share by share; « Nouvelle intervention » from
// there opens the board's form with its customer, site and equipment chosen.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Equipment, Site } from '../../api/types.ts';
import { formatDay, formatPercent, todayDay } from '../billing/format.ts';
import { FormError, useFormErrors } from '../billing/forms.tsx';
import { Loading } from '../billing/kit.tsx';
import { categoryLabel } from '../../tech/equipment-labels.ts';
import { NewInterventionButton } from '../../work/NewInterventionButton.tsx';
import { equipmentLabel, type CoverageVerdict, type WarrantyApi } from './api.ts';

export function EquipmentLookup({ api }: { api: WarrantyApi }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ equipment: Equipment[]; sites: Site[] } | null>(null);
  const [site, setSite] = useState<Site | null>(null);
  const [siteEquipment, setSiteEquipment] = useState<Equipment[] | null>(null);
  const [chosen, setChosen] = useState<Equipment | null>(null);
  const [busy, setBusy] = useState(false);
  const search = useFormErrors();

  const run = async (e: React.FormEvent) => {
    e.preventDefault();
    const text = q.trim();
    if (search.hasLocal(text ? {} : { q: t('warranties.lookup.typeSomething') })) return;
    search.clear();
    setBusy(true);
    setSite(null);
    setSiteEquipment(null);
    try {
      const [equipment, sites] = await Promise.all([api.equipmentBySerial(text), api.sites(text)]);
      setFound({ equipment, sites });
    } catch (error) {
      search.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const openSite = async (s: Site) => {
    setSite(s);
    setSiteEquipment(null);
    try {
      setSiteEquipment(await api.equipmentOfSite(s.id));
    } catch (error) {
      search.fail(error);
      setSiteEquipment([]);
    }
  };

  const siteLabel = (s: Site) => [s.name, s.address, `${s.postcode} ${s.city}`].filter(Boolean).join(', ');
  const pick = (list: Equipment[]) => (
    <ul className="bo-pick-list">
      {list.map((e) => (
        <li key={e.id}>
          <button type="button" className="link" aria-pressed={chosen?.id === e.id} onClick={() => setChosen(e)}>
            {equipmentLabel(e, i18n.language)}
          </button>
          <span className="muted"> {categoryLabel(e.category, i18n.language)}</span>
        </li>
      ))}
    </ul>
  );

  return (
    <div className="bo-split">
      <div className="bo-list">
        <form className="bo-toolbar" role="search" onSubmit={(e) => void run(e)} noValidate>
          <label className="field inline">
            <span>{t('warranties.lookup.search')}</span>
            <input
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={t('warranties.lookup.placeholder')}
              aria-invalid={search.errors.fields.q ? true : undefined}
            />
          </label>
          <button type="submit" className="button" disabled={busy}>
            {t('warranties.lookup.find')}
          </button>
        </form>
        {search.errors.fields.q && <small className="field-error">{search.errors.fields.q}</small>}
        <FormError errors={search.errors} shown={['q']} />
        <Loading busy={busy} />
        {found && found.equipment.length === 0 && found.sites.length === 0 && <p className="empty">{t('warranties.lookup.nothing')}</p>}
        {found && found.equipment.length > 0 && (
          <section aria-labelledby="lookup-serial">
            <h2 id="lookup-serial" className="h3-look">
              {t('warranties.lookup.bySerial')}
            </h2>
            {pick(found.equipment)}
          </section>
        )}
        {found && found.sites.length > 0 && (
          <section aria-labelledby="lookup-sites">
            <h2 id="lookup-sites" className="h3-look">
              {t('warranties.lookup.sites')}
            </h2>
            <ul className="bo-pick-list">
              {found.sites.map((s) => (
                <li key={s.id}>
                  <button type="button" className="link" aria-pressed={site?.id === s.id} onClick={() => void openSite(s)}>
                    {siteLabel(s)}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        {site && (
          <section aria-labelledby="lookup-site-equipment">
            <h2 id="lookup-site-equipment" className="h3-look">
              {t('warranties.lookup.equipmentOf', { site: siteLabel(site) })}
            </h2>
            {siteEquipment === null ? (
              <Loading busy />
            ) : siteEquipment.length === 0 ? (
              <p className="muted">{t('warranties.lookup.noEquipment')}</p>
            ) : (
              pick(siteEquipment)
            )}
          </section>
        )}
      </div>
      <div className="bo-detail">
        {chosen ? <Verdict key={chosen.id} equipment={chosen} api={api} /> : <p className="empty">{t('warranties.lookup.pick')}</p>}
      </div>
    </div>
  );
}

function Verdict({ equipment, api }: { equipment: Equipment; api: WarrantyApi }) {
  const { t, i18n } = useTranslation();
  const [on, setOn] = useState(todayDay());
  const [verdict, setVerdict] = useState<CoverageVerdict | null>(null);
  const { errors, fail, clear } = useFormErrors();
  useEffect(() => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(on)) return;
    let live = true;
    setVerdict(null);
    clear();
    api
      .warrantyStatus(equipment.id, on)
      .then((v) => live && setVerdict(v))
      .catch((e: unknown) => live && fail(e));
    return () => {
      live = false;
    };
  }, [api, equipment.id, on, fail, clear]);

  return (
    <article className="bo-card" aria-labelledby="verdict-title">
      <header className="bo-card-head">
        <h2 id="verdict-title">{equipmentLabel(equipment, i18n.language)}</h2>
        {verdict && <span className={`chip coverage is-${verdict.status}`}>{t(`billing.coverage.${verdict.status}`)}</span>}
        <NewInterventionButton preset={{ q: equipment.serialNumber ?? '', siteId: equipment.siteId, equipmentId: equipment.id }} />
      </header>
      <label className="field inline">
        <span>{t('warranties.lookup.on')}</span>
        <input type="date" value={on} onChange={(e) => setOn(e.target.value)} />
      </label>
      <FormError errors={errors} />
      <Loading busy={!verdict && !errors.message} />
      {verdict && (
        <>
          <dl className="bo-facts">
            <div className="wide">
              <dt>{t('warranties.lookup.rule')}</dt>
              <dd>
                <strong>{t(`warranties.rule.${verdict.ruleCode}`)}</strong> —{' '}
                {t(`warranties.ruleDetail.${verdict.ruleCode}`, { endsOn: formatDay(verdict.endsOn, i18n.language) })}
              </dd>
            </div>
            <div>
              <dt>{t('warranties.lookup.endsOn')}</dt>
              <dd>{formatDay(verdict.endsOn, i18n.language)}</dd>
            </div>
            <div>
              <dt>{t('warranties.lookup.installedOn')}</dt>
              <dd>{formatDay(equipment.installedOn, i18n.language)}</dd>
            </div>
          </dl>
          <table className="bo-table" aria-label={t('warranties.lookup.shares')}>
            <thead>
              <tr>
                <th scope="col">{t('warranties.lookup.share')}</th>
                <th scope="col" className="num">
                  {t('warranties.lookup.covered')}
                </th>
                <th scope="col">{t('warranties.lookup.source')}</th>
              </tr>
            </thead>
            <tbody>
              {(['labour', 'parts', 'travel'] as const).map((k) => {
                const s = verdict.shares[k];
                return (
                  <tr key={k}>
                    <th scope="row">{t(`warranties.lookup.shareOf.${k}`)}</th>
                    <td className="num">{formatPercent(s.percent, i18n.language)}</td>
                    <td>
                      {s.source === 'contract'
                        ? t('warranties.lookup.contract')
                        : s.source === 'warranty'
                          ? t(`warranties.warrantyKind.${s.warrantyKind ?? 'ours'}`)
                          : '—'}
                      {s.supplierId ? ` · ${t('warranties.lookup.supplierBacked')}` : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h3>{t('warranties.lookup.active')}</h3>
          {verdict.activeWarranties.length === 0 ? (
            <p className="muted">{t('warranties.lookup.noActive')}</p>
          ) : (
            <ul className="bo-plain-list">
              {verdict.activeWarranties.map((w, i) => (
                <li key={w.id ?? i}>
                  {t(`warranties.warrantyKind.${w.kind}`)} — {formatDay(w.startsOn, i18n.language)} → {formatDay(w.endsOn, i18n.language)} —{' '}
                  {t('warranties.lookup.percents', { labour: w.labourPercent, parts: w.partsPercent, travel: w.travelPercent })}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </article>
  );
}
