import { useTech, useTechController } from '../context.tsx';
import type { Tab } from '../tech-state.ts';
import { useT } from '../i18n/index.ts';

const TABS: readonly Tab[] = ['tour', 'map', 'parts', 'alerts'];

export function TabBar() {
  const t = useT();
  const controller = useTechController();
  const tab = useTech((s) => s.tab);
  const visitOpen = useTech((s) => s.visitId !== null);
  const unseen = useTech((s) => s.notices.filter((n) => !n.seen).length);
  const toHandle = useTech((s) => s.queue.filter((q) => q.state === 'conflict' || q.state === 'rejected').length);
  return (
    <nav className="tech-tabs" aria-label={t('tabs.tour')}>
      {TABS.map((name) => {
        const badge = name === 'alerts' ? unseen + toHandle : 0;
        return (
          <button
            key={name}
            type="button"
            className={tab === name && !visitOpen ? 'tab active' : 'tab'}
            aria-current={tab === name && !visitOpen ? 'page' : undefined}
            onClick={() => controller.setTab(name)}
          >
            {t(`tabs.${name}`)}
            {badge > 0 && (
              <span className="badge" data-testid={`badge-${name}`}>
                {badge}
              </span>
            )}
          </button>
        );
      })}
    </nav>
  );
}
