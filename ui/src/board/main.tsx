import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../i18n/index.ts';
import { BoardController } from '../state/controller.ts';
import { exposeDebug } from '../state/debug.ts';
import { App, type UiConfig } from './App.tsx';
import './board.css';
// After board.css: its media queries override the desktop layout.
import './responsive.css';

async function loadConfig(): Promise<UiConfig> {
  // Absent or unreadable: the offline basemap, which always works.
  try {
    const response = await fetch('/ui-config.json', { headers: { accept: 'application/json' } });
    if (!response.ok) return { tiles: null };
    const config = (await response.json()) as Partial<UiConfig>;
    return { tiles: config.tiles?.url ? config.tiles : null, demo: config.demo?.accounts?.length ? config.demo : null };
  } catch {
    return { tiles: null };
  }
}

const i18n = createI18n();
document.documentElement.lang = i18n.language;
/** `?date=YYYY-MM-DD` opens the board on that day (a link, a bookmark, the demo's day); otherwise today. */
function dayFromUrl(search: string): string | undefined {
  const day = new URLSearchParams(search).get('date');
  return day && /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T12:00:00Z`)) ? day : undefined;
}

const openOn = dayFromUrl(window.location.search);
const controller = new BoardController(openOn ? { today: openOn } : {});
// The e2e tests read the board's state and positions through this handle (opt-in: `?debug` or localStorage['tournee.debug'] = '1').
exposeDebug('__tournee', controller);

void loadConfig().then((config) => {
  createRoot(document.getElementById('root')!).render(
    <I18nextProvider i18n={i18n}>
      <App controller={controller} config={config} />
    </I18nextProvider>,
  );
});
