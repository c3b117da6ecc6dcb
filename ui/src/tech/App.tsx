import { useEffect } from 'react';
import { TechContext, useTech, useTechController } from './context.tsx';
import type { TechController } from './controller.ts';
import { useT } from './i18n/index.ts';
import { Alerts } from './screens/Alerts.tsx';
import { Header } from './screens/Header.tsx';
import { Login } from './screens/Login.tsx';
import { Parts } from './screens/Parts.tsx';
import { TabBar } from './screens/TabBar.tsx';
import { Toast } from './screens/Toast.tsx';
import { TourList } from './screens/TourList.tsx';
import { TourMap } from './screens/TourMap.tsx';
import { VisitSheetScreen } from './screens/VisitSheet.tsx';
import type { TileConfig } from '../map/Basemap.tsx';

export function TechApp({ controller, tiles }: { controller: TechController; tiles: TileConfig | null }) {
  return (
    <TechContext.Provider value={controller}>
      <Gate tiles={tiles} />
    </TechContext.Provider>
  );
}

function Gate({ tiles }: { tiles: TileConfig | null }) {
  const t = useT();
  const controller = useTechController();
  const phase = useTech((s) => s.phase);
  const expired = useTech((s) => s.expired);
  useEffect(() => {
    void controller.restore();
  }, [controller]);
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  if (phase === 'restoring')
    return (
      <div className="tech-splash" role="status">
        {t('app.loading')}
      </div>
    );
  if (phase === 'login') return <Login />;
  return (
    <div className="tech-shell">
      <Header />
      {expired && <Login inline />}
      <Main tiles={tiles} />
      <TabBar />
      <Toast />
    </div>
  );
}

function Main({ tiles }: { tiles: TileConfig | null }) {
  const t = useT();
  const tab = useTech((s) => s.tab);
  const visitId = useTech((s) => s.visitId);
  // A new screen starts at its top, not where the previous one was scrolled to.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [tab, visitId]);
  return (
    <main className="tech-main">
      {/* The page's title for screen readers (the tab shown); the visit sheet has its own, the customer's name. */}
      {!visitId && <h1 className="sr-only">{t(`tabs.${tab}`)}</h1>}
      {visitId ? (
        <VisitSheetScreen visitId={visitId} />
      ) : tab === 'tour' ? (
        <TourList />
      ) : tab === 'map' ? (
        <TourMap tiles={tiles} />
      ) : tab === 'parts' ? (
        <Parts />
      ) : (
        <Alerts />
      )}
    </main>
  );
}
