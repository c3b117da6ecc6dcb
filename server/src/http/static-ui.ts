// Serves the web UI built by Vite (`npm run build -w ui` → ui/dist): hashed
// assets cached for a year, HTML never cached (so a new build is picked up on
// reload), and a single-page fallback — /tech/* gets the technician app's page
// once it exists, any other page path the board's. Also /ui-config.json,
// the map tiles (map-tiles.ts: OpenStreetMap by default, TILE_URL,
// TILE_ATTRIBUTION, TILE_MAX_ZOOM; TILE_URL=off for the bundled offline outline only).
//
// Mount it after the API routes: `app.use(staticUi())`. It never answers
// /api or /socket.io paths.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { DemoLogins } from '../demo/logins.ts';
import { type TileSource, tileSourceFromEnv } from './map-tiles.ts';

export const DEFAULT_UI_DIST = resolve(fileURLToPath(new URL('../../../ui/dist', import.meta.url)));

export interface StaticUiOptions {
  /** The Vite build output; defaults to ui/dist of this repository. */
  readonly distDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Read on each /ui-config.json (the demo's accounts can be deactivated meanwhile). */
  readonly demoLogins?: () => Promise<DemoLogins | null>;
}

export interface UiConfig {
  /** null: no tile server (TILE_URL=off), the UI draws its bundled offline outline. */
  readonly tiles: TileSource | null;
  /** The demo's accounts, flagged as such on the login screen; null without demo data. */
  readonly demo?: DemoLogins | null;
}

export function uiConfigFromEnv(env: NodeJS.ProcessEnv): UiConfig {
  return { tiles: tileSourceFromEnv(env) };
}

const NOT_UI = /^\/(api|socket\.io)(\/|$)/;

export function staticUi(options: StaticUiOptions = {}): Router {
  const dist = options.distDir ?? DEFAULT_UI_DIST;
  const config = uiConfigFromEnv(options.env ?? process.env);
  const assets = join(dist, 'assets');
  const router = express.Router();

  router.get('/ui-config.json', async (_req, res) => {
    // The login screen still shows without the demo's list when the database does not answer.
    const demo = options.demoLogins ? await options.demoLogins().catch(() => null) : null;
    res.set('cache-control', 'no-cache').json({ ...config, demo });
  });

  router.use(
    express.static(dist, {
      index: false,
      fallthrough: true,
      setHeaders(res, path) {
        // Vite puts content hashes in asset names: they can be cached forever.
        if (path.startsWith(assets)) res.set('cache-control', 'public, max-age=31536000, immutable');
        else res.set('cache-control', 'no-cache');
      },
    }),
  );

  router.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_UI.test(req.path)) return next();
    // A missing file with an extension is a real 404, not a page of the app.
    if (/\.[a-z0-9]+$/i.test(req.path)) return next();
    const techPage = join(dist, 'tech', 'index.html');
    const page = req.path.startsWith('/tech') && existsSync(techPage) ? techPage : join(dist, 'index.html');
    if (!existsSync(page)) {
      res.status(503).type('text/plain').send(`The web UI is not built yet: run \`npm run build -w ui\` (expected ${dist}).`);
      return;
    }
    res.set('cache-control', 'no-cache').sendFile(page);
  });

  return router;
}
