// The dispatcher's screen: map and side panel on top, the day's timeline below.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackOffice } from '../back-office/BackOffice.tsx';
import { ConflictsPanel } from '../conflicts/ConflictsPanel.tsx';
import { KpiPanel } from '../kpis/KpiPanel.tsx';
import { BoardMap } from '../map/BoardMap.tsx';
import type { TileConfig } from '../map/Basemap.tsx';
import { OptimizePanel } from '../optimize/OptimizePanel.tsx';
import { UnassignedQueue } from '../queue/UnassignedQueue.tsx';
import type { Panel } from '../state/board-state.ts';
import { useBoard, useController } from '../state/context.tsx';
import { Timeline } from '../timeline/Timeline.tsx';
import { UrgentPanel } from '../urgent/UrgentPanel.tsx';
import { NewInterventionButton } from '../work/NewInterventionButton.tsx';
import { MapControls } from './MapControls.tsx';
import { Notices } from './Notices.tsx';
import { PhoneNav, type PhoneView } from './PhoneNav.tsx';
import { useSection } from './section.ts';
import { SelectionCard } from './SelectionCard.tsx';
import { TopBar } from './TopBar.tsx';

const PANELS: readonly Panel[] = ['queue', 'urgent', 'optimize', 'kpis', 'conflicts'];

export function Board({ tiles }: { tiles: TileConfig | null }) {
  const { t } = useTranslation();
  const controller = useController();
  const panel = useBoard((s) => s.panel);
  const plan = useBoard((s) => s.plan);
  const openConflicts = useBoard((s) => s.conflicts.length);
  const [findFor, setFindFor] = useState<string | null>(null);
  // Phones show one of map, panel and timeline (PhoneNav.tsx); wider screens ignore it.
  const [phoneView, setPhoneView] = useState<PhoneView>('panel');
  const section = useSection();
  const waiting = plan
    ? Object.values(plan.interventions).filter((i) => i.technicianId === null && (i.status === 'requested' || i.status === 'planned')).length
    : 0;

  const onTabKey = (e: React.KeyboardEvent, index: number) => {
    const next = e.key === 'ArrowRight' ? index + 1 : e.key === 'ArrowLeft' ? index - 1 : null;
    if (next === null) return;
    const p = PANELS[(next + PANELS.length) % PANELS.length]!;
    controller.showPanel(p);
    document.getElementById(`tab-${p}`)?.focus();
  };

  return (
    <div className="board">
      {/* To the day's timeline on the planning, to the screen's content in the back office (there is no timeline there). */}
      <a className="skip-link" href={section === 'planning' ? '#timeline' : `#section-${section}`}>
        {section === 'planning' ? t('board.skipToTimeline') : t('board.skipToContent')}
      </a>
      <TopBar />
      {section !== 'planning' ? (
        <BackOffice section={section} />
      ) : (
        <main className="board-main" data-phone-view={phoneView}>
          <h1 className="sr-only">{t('top.section.planning')}</h1>
          <PhoneNav view={phoneView} onChange={setPhoneView} waiting={waiting} />
          <div className="board-map-wrap">
            <BoardMap tiles={tiles} />
            <MapControls />
            <SelectionCard />
            {!plan && (
              <div className="map-loading" role="status">
                {t('common.loading')}
              </div>
            )}
          </div>
          <aside className="side-panel" aria-label={t('board.sidePanel')}>
            <NewInterventionButton />
            <div className="tabs" role="tablist" aria-label={t('board.sidePanel')}>
              {PANELS.map((p, index) => (
                <button
                  key={p}
                  id={`tab-${p}`}
                  type="button"
                  role="tab"
                  aria-selected={panel === p}
                  aria-controls={`panel-${p}`}
                  tabIndex={panel === p ? 0 : -1}
                  className="tab"
                  onClick={() => controller.showPanel(p)}
                  onKeyDown={(e) => onTabKey(e, index)}
                >
                  {t(`board.panel.${p}`)}
                  {p === 'queue' && waiting > 0 && <span className="badge">{waiting}</span>}
                  {p === 'conflicts' && openConflicts > 0 && <span className="badge">{openConflicts}</span>}
                </button>
              ))}
            </div>
            {/* Focusable (the tabs pattern's tabpanel): the panel scrolls, and some (the indicators) hold no control to reach it by. */}
            <div className="panel-body" role="tabpanel" id={`panel-${panel}`} aria-labelledby={`tab-${panel}`} tabIndex={0}>
              {panel === 'queue' && (
                <UnassignedQueue
                  onFindTechnician={(id) => {
                    setFindFor(id);
                    controller.showPanel('urgent');
                  }}
                />
              )}
              {panel === 'urgent' && <UrgentPanel interventionId={findFor} onDone={() => setFindFor(null)} />}
              {panel === 'optimize' && <OptimizePanel />}
              {panel === 'kpis' && <KpiPanel />}
              {panel === 'conflicts' && <ConflictsPanel />}
            </div>
          </aside>
          <div className="board-timeline" id="timeline" tabIndex={-1}>
            <Timeline />
          </div>
        </main>
      )}
      <Notices />
    </div>
  );
}
