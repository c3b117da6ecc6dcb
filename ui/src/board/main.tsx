import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../i18n/index.ts';
import { BoardController } from '../state/controller.ts';
import { App, type UiConfig } from './App.tsx';
import './board.css';

async function loadConfig(): Promise<UiConfig> {
  // Absent or unreadable: the offline basemap, which always works.
  try {
    const response = await fetch('/ui-config.json', { headers: { accept: 'application/json' } });
    if (!response.ok) return { tiles: null };
    const config = (await response.json()) as Partial<UiConfig>;
    return { tiles: config.tiles?.url ? config.tiles : null };
  } catch {
    return { tiles: null };
  }
}

const i18n = createI18n();
document.documentElement.lang = i18n.language;
const controller = new BoardController();
// The e2e tests and the benchmark read the board's state and positions through this handle.
(window as unknown as { __tournee?: BoardController }).__tournee = controller;

void loadConfig().then((config) => {
  createRoot(document.getElementById('root')!).render(
    <I18nextProvider i18n={i18n}>
      <App controller={controller} config={config} />
    </I18nextProvider>,
  );
});
