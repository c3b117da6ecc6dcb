// The board's map in headless Chromium against the real server (issue 12, "a
// real map"): street tiles from the tile server TILE_URL names — here a tiny
// one the test serves, this machine having no internet — requested and drawn;
// when that server fails, the offline outline with town names and a notice
// saying so, and the tiles back on "Réessayer"; a complete legend; a layer box
// that folds away. Screenshots at desktop, tablet and phone sizes go to
// support/screenshots.ts's folder.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';
import { startTileServer, type TileServer } from './support/tile-server.ts';

const DISPATCHER = 'dispatcher@demo.tournee.fr';

describeWithChromium('board map in Chromium: street tiles, offline fallback, legend, layer box', () => {
  let tiles: TileServer;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    buildUi();
    tiles = await startTileServer();
    server = await startServer({ SIMULATE: '0', TILE_URL: tiles.template, TILE_ATTRIBUTION: 'Tuiles de test' });
    browser = await launchBrowser({ width: 1600, height: 1000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tiles?.close();
  });

  /** Street tiles the board map shows, loaded and decoded (a 256-pixel PNG from the test's server). */
  const drawnTiles = () =>
    page.evaluate(
      (origin) =>
        [...document.querySelectorAll<HTMLImageElement>('.board-map .leaflet-tile-pane img.leaflet-tile-loaded')].filter(
          (img) => img.src.startsWith(origin) && img.complete && img.naturalWidth === 256,
        ).length,
      new URL(tiles.template.replace(/\{[xyz]\}/g, '0')).origin,
    );
  const townLabels = () => page.locator('.board-map .leaflet-basemap-labels-pane canvas').count();
  const attribution = () => page.locator('.board-map .leaflet-control-attribution').textContent();

  it('draws the street tiles TILE_URL names, with their attribution', async () => {
    page = await browser.context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(server.demoDay ? `${server.url}/?date=${server.demoDay}` : server.url);
    await page.getByLabel('Adresse e-mail').fill(DISPATCHER);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForSelector('.timeline-visit', { timeout: 120_000 });

    await expect.poll(drawnTiles, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(tiles.requests.some((path) => /^\/\d+\/\d+\/\d+\.png$/.test(path))).toBe(true);
    expect(await attribution()).toContain('Tuiles de test');
    // Streets, not the offline outline: no fallback notice, no town names painted over the tiles.
    expect(await page.getByTestId('basemap-offline').count()).toBe(0);
    expect(await townLabels()).toBe(0);
    // The CSP lets the tile server's images in (img-src names its origin).
    expect(refused).toEqual([]);
    await page.screenshot({ path: screenshotPath('map-streets.png') });
  });

  it('lists every mark in the legend: statuses, activities, agencies, tours, sectors', async () => {
    await page.getByRole('button', { name: 'Légende' }).click();
    const legend = page.getByTestId('map-legend');
    await legend.waitFor();
    const items = await legend.locator('li').allTextContents();
    for (const entry of ['Demandée', 'Planifiée', 'En route', 'Sur place', 'Terminée', 'Annulée', 'Urgente', 'Disponible', 'Hors service', 'Agence', 'Secteur'])
      expect(items.map((i) => i.trim())).toContain(entry);
    expect(items.some((i) => i.startsWith('Tournée'))).toBe(true);
    expect(items.some((i) => i.startsWith('Groupe d’interventions'))).toBe(true);
    // "Demandée" and "Hors service" no longer share a grey.
    const colourOf = (label: string) =>
      legend
        .locator('li')
        .filter({ hasText: new RegExp(`^${label}$`) })
        .locator('.swatch')
        .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await colourOf('Demandée')).not.toBe(await colourOf('Hors service'));
    await page.locator('.map-controls').screenshot({ path: screenshotPath('map-legend.png') });
  });

  it('folds the layer box away and back', async () => {
    const toggle = page.locator('.map-controls-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.textContent()).toContain('Couches');
    expect(await page.locator('#map-layers').count()).toBe(0);
    const folded = (await page.locator('.map-controls').boundingBox())!;
    expect(folded.height).toBeLessThan(60);
    await toggle.click();
    await expect.poll(() => page.getByRole('checkbox', { name: 'Agences' }).isChecked()).toBe(true);
  });

  it('falls back to the offline outline, and says so, when the tiles fail; "Réessayer" brings them back', async () => {
    tiles.setFailing(true);
    const before = tiles.requests.length;
    await page.reload();
    await page.waitForSelector('.timeline-visit', { timeout: 120_000 });
    const notice = page.getByTestId('basemap-offline');
    await notice.waitFor({ timeout: 30_000 });
    expect(tiles.requests.length).toBeGreaterThan(before);
    expect(await notice.textContent()).toContain('Plan des rues indisponible');
    // The offline outline: town names painted, its sources credited, the failing tile layer gone.
    await expect.poll(townLabels).toBe(1);
    expect(await attribution()).toContain('Natural Earth');
    expect(await page.locator('.board-map .leaflet-tile-pane img').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('map-offline.png') });

    tiles.setFailing(false);
    await notice.getByRole('button', { name: 'Réessayer' }).click();
    await expect.poll(drawnTiles, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await notice.count()).toBe(0);
    expect(await townLabels()).toBe(0);
  });

  it('fits tablets and phones (screenshots)', async () => {
    for (const [width, height, name] of [
      [1024, 768, 'map-tablet.png'],
      [390, 844, 'map-phone.png'],
    ] as const) {
      await page.setViewportSize({ width, height });
      if (width < 700) await page.locator('.phone-nav').getByRole('button', { name: 'Carte' }).click();
      await expect.poll(drawnTiles, { timeout: 30_000 }).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: screenshotPath(name) });
    }
  });
});
