// The board and the technician's app on tablets and phones, in headless
// Chromium against the real server (issue 12, "Phones and tablets"): no page
// wider than the screen; on a phone the board's compact header and one view at
// a time (requests, map, day); on a tablet map, queue and timeline together;
// the technician's visit cards with the customer's phone (tel:) and "Naviguer"
// (geo:, Google Maps, Waze), the visit sheet and the day's map. Screenshots at
// 1600×1000, 1024×768 and 390×844 go to support/screenshots.ts's folder.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const DISPATCHER = 'dispatcher@demo.tournee.fr';
const TECHNICIAN = 'technicien1@demo.tournee.fr';

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1024, height: 768 };
const DESKTOP = { width: 1600, height: 1000 };

/** The page scrolls only downwards: nothing makes it wider than the screen. */
const fitsWidth = (page: Page) => page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));

describeWithChromium('board and technician app on tablets and phones', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    buildUi();
    // DEMO_DAY=next (the support's default): the demo's whole day is tomorrow's, planned at start-up, whatever the hour.
    server = await startServer({ SIMULATE: '0' });
    browser = await launchBrowser({ ...PHONE });
    // The technician's tour exists once the agency's day is planned.
    const dispatcher = (await login(server.url, DISPATCHER)).token;
    const tech = await login(server.url, TECHNICIAN);
    const agencyId = tech.user.agencyIds[0]!;
    const deadline = Date.now() + 150_000;
    for (;;) {
      const runs = await call<{ items: { status: string }[] }>(server.url, dispatcher, 'GET', `/api/plans?agencyId=${agencyId}&limit=1`);
      if (runs.items[0]?.status === 'succeeded') break;
      if (runs.items[0]?.status === 'failed' || Date.now() > deadline) throw new Error(`the demo day was not planned within 150 s:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('board on a phone: compact header, requests, map and day one at a time, never wider than the screen', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(server.demoDay ? `${server.url}/?date=${server.demoDay}` : server.url);
    await page.getByLabel('Adresse e-mail').fill(DISPATCHER);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForSelector('.timeline-visit', { state: 'attached', timeout: 120_000 });

    // The header leaves the screen to the work: two short lines.
    const header = (await page.locator('.topbar').boundingBox())!;
    expect(header.height).toBeLessThan(PHONE.height * 0.15);
    const nav = page.locator('.phone-nav');
    // Requests first: the queue and its tabs (the urgent flow one tap away).
    expect(await nav.getByRole('button', { name: /Demandes/ }).getAttribute('aria-pressed')).toBe('true');
    await page.locator('.queue-item, .panel-body li').first().waitFor();
    expect(await page.locator('.side-panel').isVisible()).toBe(true);
    expect(await page.locator('.board-map-wrap').isVisible()).toBe(false);
    let size = await fitsWidth(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    await page.screenshot({ path: screenshotPath('board-phone-requests.png') });

    await page.getByRole('tab', { name: 'Urgence' }).click();
    await page.locator('#panel-urgent').waitFor();
    size = await fitsWidth(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    await page.screenshot({ path: screenshotPath('board-phone-urgent.png') });

    await nav.getByRole('button', { name: 'Carte' }).click();
    expect(await page.locator('.board-map-wrap').isVisible()).toBe(true);
    expect(await page.locator('.side-panel').isVisible()).toBe(false);
    // The layer box starts folded on a small screen: one button, not a corner of the map.
    expect(await page.locator('.map-controls-toggle').getAttribute('aria-expanded')).toBe('false');
    const map = (await page.locator('.board-map').boundingBox())!;
    expect(map.width).toBe(PHONE.width);
    expect(map.height).toBeGreaterThan(PHONE.height * 0.6);
    size = await fitsWidth(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    await page.screenshot({ path: screenshotPath('board-phone-map.png') });

    await nav.getByRole('button', { name: 'Journée' }).click();
    expect(await page.locator('.board-timeline').isVisible()).toBe(true);
    // Many technicians' rows, not one: the day takes the screen.
    const rows = await page.locator('.timeline-row').evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().bottom <= window.innerHeight).length);
    expect(rows).toBeGreaterThan(5);
    size = await fitsWidth(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    await page.screenshot({ path: screenshotPath('board-phone-day.png') });

    // A tablet: map, queue and timeline side by side, no view switch.
    await page.setViewportSize(TABLET);
    expect(await nav.isVisible()).toBe(false);
    for (const part of ['.board-map-wrap', '.side-panel', '.board-timeline']) {
      const box = (await page.locator(part).boundingBox())!;
      expect(box.width, part).toBeGreaterThan(250);
      expect(box.y + Math.min(box.height, 100), part).toBeLessThanOrEqual(TABLET.height);
    }
    size = await fitsWidth(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    await page.screenshot({ path: screenshotPath('board-tablet.png') });

    await page.setViewportSize(DESKTOP);
    size = await fitsWidth(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    // One header line on a desktop.
    expect((await page.locator('.topbar').boundingBox())!.height).toBeLessThan(70);
    await page.screenshot({ path: screenshotPath('board-desktop.png') });
    await page.close();
  });

  it('technician app on a phone: cards with the phone number and Naviguer, the visit sheet, the map — no sideways scrolling', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/tech`);
    await page.getByLabel('Adresse e-mail').fill(TECHNICIAN);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    // The demo's work is tomorrow's.
    await page.getByRole('tab', { name: /Demain/ }).click();
    await page.waitForSelector('.stop-card', { timeout: 60_000 });
    let size = await fitsWidth(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);

    const card = page
      .locator('li.stop')
      .filter({ has: page.locator('a[href^="tel:"]') })
      .first();
    const tel = await card.locator('a[href^="tel:"]').first().getAttribute('href');
    expect(tel).toMatch(/^tel:\+?\d{6,}$/);
    const links = await card
      .getByTestId('navigate')
      .locator('a')
      .evaluateAll((as) => as.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })));
    expect(links.map((l) => l.text)).toEqual(['GPS', 'Google Maps', 'Waze']);
    expect(links[0]!.href).toMatch(/^geo:-?\d+(\.\d+)?,-?\d+(\.\d+)?\?q=/);
    expect(links[1]!.href).toMatch(/^https:\/\/www\.google\.com\/maps\/dir\/\?api=1&destination=/);
    expect(links[2]!.href).toMatch(/^https:\/\/waze\.com\/ul\?/);
    await page.screenshot({ path: screenshotPath('tech-phone-tour.png') });

    // A notice that stays until read (a conflict; a new assignment's fades by itself): two lines at most above the tab
    // bar, closed with ×. The long text is the point: it must not grow over the screen.
    await page.evaluate(() => {
      const tech = (window as unknown as { __tech: { store: { set(patch: object): void } } }).__tech;
      tech.store.set({
        toasts: [{ id: 9_001, kind: 'conflict', detail: 'reassigned', text: 'M. et Mme Sandrine Simon — Bouc-Bel-Air : rapport et clôture. '.repeat(4) }],
      });
    });
    const toast = page.getByTestId('toast');
    const box = (await toast.boundingBox())!;
    expect(box.height).toBeLessThan(PHONE.height * 0.1);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: screenshotPath('tech-phone-notice.png') });
    await toast.getByRole('button', { name: 'Fermer l’avis' }).click();
    expect(await toast.count()).toBe(0);

    // The sheet: phone, navigation, equipment — and the equipment's table wraps instead of widening the page.
    await card.locator('.stop-card').click();
    await page.locator('article.visit').waitFor();
    expect(await page.locator('article.visit a[href^="tel:"]').first().getAttribute('href')).toBe(tel);
    expect(await page.locator('article.visit').getByTestId('navigate').locator('a').count()).toBe(3);
    size = await fitsWidth(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    await page.screenshot({ path: screenshotPath('tech-phone-visit.png'), fullPage: true });
    await page.getByRole('button', { name: /Retour/ }).click();

    await page
      .locator('.tech-tabs')
      .getByRole('button', { name: /^Carte/ })
      .click();
    await page.waitForSelector('.stop-pin');
    // The map is drawn, not blank: the bundled outline (no tile server here) under the day's pins.
    await expect.poll(() => page.locator('.tech-map .leaflet-basemap-pane path, .tech-map .leaflet-basemap-pane canvas').count()).toBeGreaterThan(0);
    size = await fitsWidth(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    // The view settled (fitting the stops zooms with an animation, during which Leaflet hides the town names).
    await page.waitForFunction(() => document.querySelector('.tech-map .leaflet-zoom-anim, .tech-map.leaflet-zoom-anim') === null);
    await page.screenshot({ path: screenshotPath('tech-phone-map.png') });

    await page.setViewportSize(TABLET);
    await page
      .locator('.tech-tabs')
      .getByRole('button', { name: /^Tournée/ })
      .click();
    await page.waitForSelector('.stop-card');
    size = await fitsWidth(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    await page.screenshot({ path: screenshotPath('tech-tablet-tour.png') });
    await page.close();
  });
});
