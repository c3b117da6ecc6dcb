// The top bar: who, whether the device is online, what waits to be sent and
// when the data was last synchronized, the on-duty switch (positions).
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../board/LanguageSwitch.tsx';
import { useTech, useTechController } from '../context.tsx';
import { formatTime } from '../format.ts';
import { useT } from '../i18n/index.ts';

export function Header() {
  const t = useT();
  const { i18n } = useTranslation();
  const controller = useTechController();
  const name = useTech((s) => s.session?.user.name ?? '');
  const online = useTech((s) => s.online);
  const connection = useTech((s) => s.connection);
  const pending = useTech((s) => s.queue.filter((q) => q.state === 'pending').length);
  const syncing = useTech((s) => s.syncing);
  const syncedAt = useTech((s) => s.portfolio?.generatedAt ?? null);
  const timezone = useTech((s) => s.portfolio?.technician.timezone ?? 'Europe/Paris');
  const onDuty = useTech((s) => s.onDuty);
  const positions = useTech((s) => s.pendingPositions);

  const state = !online ? 'offline' : connection === 'connected' ? 'online' : 'connecting';
  return (
    <header className="tech-header">
      <div className="tech-header-row">
        <div className="tech-brand small" aria-hidden="true">
          <span className="tech-brand-mark">T</span>
        </div>
        <strong className="tech-name">{name}</strong>
        <span className={`net net-${state}`} data-testid="network">
          {t(`header.${state}`)}
        </span>
      </div>
      <div className="tech-header-row small">
        <span className="outbox-count" data-testid="outbox" data-pending={pending}>
          {pending > 0 ? t('header.pending', { count: pending }) : t('header.allSent')}
        </span>
        <span className="muted" data-testid="synced-at">
          {syncing ? t('header.syncing') : syncedAt ? t('header.synced', { time: formatTime(syncedAt, timezone, i18n.language) }) : t('header.never')}
        </span>
        <button type="button" className="link" onClick={() => void controller.sync()} disabled={!online || syncing}>
          {t('header.syncNow')}
        </button>
      </div>
      <div className="tech-header-row small">
        <label className="switch">
          <input type="checkbox" checked={onDuty} onChange={(e) => void controller.setOnDuty(e.target.checked)} />
          <span>{t('header.onDuty')}</span>
        </label>
        {positions > 0 && <span className="muted">{t('header.positions', { count: positions })}</span>}
        <span className="spacer" />
        <LanguageSwitch />
        <button
          type="button"
          className="link"
          onClick={() => void controller.logout()}
          disabled={pending > 0}
          title={pending > 0 ? t('header.logoutBlocked') : undefined}
        >
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
