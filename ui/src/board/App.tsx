import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginScreen, type DemoLogins } from '../login/LoginScreen.tsx';
import type { TileConfig } from '../map/Basemap.tsx';
import { ControllerContext, useBoard } from '../state/context.tsx';
import type { BoardController } from '../state/controller.ts';
import { Board } from './Board.tsx';

/** Deployment settings the server may publish (see server/src/http/static-ui.ts). */
export interface UiConfig {
  readonly tiles: TileConfig | null;
  /** The demo's accounts, offered (and flagged) on the login screen; null without demo data. */
  readonly demo?: DemoLogins | null;
}

export function App({ controller, config }: { controller: BoardController; config: UiConfig }) {
  return (
    <ControllerContext.Provider value={controller}>
      <Gate controller={controller} config={config} />
    </ControllerContext.Provider>
  );
}

function Gate({ controller, config }: { controller: BoardController; config: UiConfig }) {
  const { t } = useTranslation();
  const session = useBoard((s) => s.session);
  const [restoring, setRestoring] = useState(true);
  useEffect(() => {
    void controller.restore().finally(() => setRestoring(false));
  }, [controller]);
  useEffect(() => {
    document.title = session ? t('board.documentTitle') : t('login.documentTitle');
  }, [session, t]);
  if (restoring)
    return (
      <div className="splash" role="status">
        {t('common.loading')}
      </div>
    );
  return session ? <Board tiles={config.tiles} /> : <LoginScreen demo={config.demo ?? null} />;
}
