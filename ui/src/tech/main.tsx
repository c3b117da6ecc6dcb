// The technician's app, at /tech/ (its own Vite entry: ui/tech/index.html).
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { TileConfig } from '../map/Basemap.tsx';
import { TechApp } from './App.tsx';
import { TechController } from './controller.ts';
import { createTechI18n } from './i18n/index.ts';
import { registerServiceWorker } from './service-worker.ts';
import './tech.css';

// The service worker's scope is /tech/: the page must live under it to open offline.
if (location.pathname === '/tech') location.replace(`/tech/${location.search}${location.hash}`);

async function loadTiles(): Promise<TileConfig | null> {
  // Unreachable (offline) or unset: the bundled offline basemap.
  try {
    const response = await fetch('/ui-config.json', { headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const config = (await response.json()) as { tiles?: TileConfig | null };
    return config.tiles?.url ? config.tiles : null;
  } catch {
    return null;
  }
}

/** A shorter position period for development and the e2e run (default 30 s). */
function positionIntervalMs(): number | undefined {
  const value = Number(localStorage.getItem('tournee.tech.positionIntervalMs'));
  return Number.isFinite(value) && value >= 1_000 ? value : undefined;
}

const i18n = createTechI18n();
document.documentElement.lang = i18n.language;
const controller = new TechController({ positionIntervalMs: positionIntervalMs() });
// The e2e tests read the app's state through this handle.
(window as unknown as { __tech?: TechController }).__tech = controller;
registerServiceWorker();

void loadTiles().then((tiles) => {
  createRoot(document.getElementById('root')!).render(
    <I18nextProvider i18n={i18n}>
      <TechApp controller={controller} tiles={tiles} />
    </I18nextProvider>,
  );
});
