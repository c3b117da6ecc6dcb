// Region and agency, the day, the connection, language and session.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '@tournee/contracts/calendar';
import { useBoard, useController } from '../state/context.tsx';
import { DayExport } from './DayExport.tsx';
import { DayField } from './DayField.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { hashOfSection, SECTIONS, useSection } from './section.ts';

export function TopBar() {
  const { t } = useTranslation();
  const controller = useController();
  const agencies = useBoard((s) => s.agencies);
  const regions = useBoard((s) => s.regions);
  const agencyId = useBoard((s) => s.agencyId);
  const date = useBoard((s) => s.date);
  const connection = useBoard((s) => s.connection);
  const user = useBoard((s) => s.session?.user);
  const [regionId, setRegionId] = useState('');
  const section = useSection();
  const shown = useMemo(() => agencies.filter((a) => !regionId || a.regionId === regionId || a.id === agencyId), [agencies, regionId, agencyId]);

  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          T
        </span>
        <span>Tournée</span>
      </div>
      <nav className="sections" aria-label={t('top.sections')}>
        {/* The ERP webhooks are the admin's (company-wide). */}
        {SECTIONS.filter((s) => s !== 'webhooks' || user?.role === 'admin').map((s) => (
          <a key={s} href={hashOfSection(s)} className="section-link" aria-current={s === section ? 'page' : undefined}>
            {t(`top.section.${s}`)}
          </a>
        ))}
      </nav>
      <nav className="topbar-scope" aria-label={t('top.scope')}>
        {regions.length > 1 && (
          <label className="field inline region-filter">
            <span>{t('top.region')}</span>
            <select value={regionId} onChange={(e) => setRegionId(e.target.value)}>
              <option value="">{t('top.allRegions')}</option>
              {regions.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field inline">
          <span>{t('top.agency')}</span>
          <select value={agencyId ?? ''} onChange={(e) => void controller.selectAgency(e.target.value)}>
            {shown.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        {section === 'planning' && (
          <div className="day-picker" role="group" aria-label={t('top.day')}>
            <button type="button" className="icon-button" onClick={() => void controller.selectDate(addDays(date, -1))} aria-label={t('top.previousDay')}>
              ‹
            </button>
            <DayField date={date} label={t('top.day')} onChange={(day) => void controller.selectDate(day)} />
            <button type="button" className="icon-button" onClick={() => void controller.selectDate(addDays(date, 1))} aria-label={t('top.nextDay')}>
              ›
            </button>
          </div>
        )}
        {section === 'planning' && <DayExport />}
      </nav>
      <div className="topbar-end">
        <span className={`connection is-${connection}`} role="status" title={t(`top.connection.${connection}`)}>
          <span className="dot" aria-hidden="true" />
          {t(`top.connection.${connection}`)}
        </span>
        <LanguageSwitch />
        {user && (
          <span className="user" title={user.email}>
            {user.name}
          </span>
        )}
        <button type="button" className="button subtle" title={user ? `${user.name} — ${user.email}` : undefined} onClick={() => controller.logout()}>
          {t('top.logout')}
        </button>
      </div>
    </header>
  );
}
