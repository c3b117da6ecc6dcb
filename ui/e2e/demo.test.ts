// The demo as `npm start` gives it (DEMO_DAY=auto), started late in the day:
// DEMO_NOW puts the seed at 18:30 today in Paris, or at the present moment
// when the test runs earlier (never in the future of the server's clock). The
// hours of the day are the server tests' subject (server/test/demo). The dispatcher's board opens on today with work on it (the day's
// visits done, the technicians' tours drawn); Facturation lists invoices
// (paid or not) and credit notes, with finished visits left to invoice;
// Garanties lists a supplier claim at each stage. Desktop (1600×1000) and
// phone (390×844) screenshots go to support/screenshots.ts's folder.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { zonedInstant } from '@tournee/contracts/zoned-time';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const DISPATCHER = 'dispatcher@demo.tournee.fr';
const DESKTOP = { width: 1600, height: 1000 };
const PHONE = { width: 390, height: 844 };
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
// Seeded as of 18:30, or of now when the run is earlier: the server's planning reads the real clock, so a demo seeded
// as of a later hour would hold visits done in its future (the start-up planning run then re-plans them).
const LATE = new Date(Math.min(zonedInstant(TODAY, 18 * 60 + 30, 'Europe/Paris').getTime(), Date.now()));

interface BoardWindow {
  __tournee: { store: { get(): { date: string; agencyId: string | null } } };
}

describeWithChromium('the demo started late in the day (DEMO_DAY=auto) in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    buildUi();
    // The default DEMO_DAY (the e2e helper's is `next`), seeded as of 18:30; no simulator: the screens as seeded.
    server = await startServer({ DEMO_DAY: 'auto', DEMO_NOW: LATE.toISOString(), SIMULATE: '0' });
    browser = await launchBrowser(DESKTOP);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('seeds today, not tomorrow, and opens the board on today with work on it', async () => {
    expect(server.demoDay).toBe(TODAY);
    page = await browser.context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Adresse e-mail').fill(DISPATCHER);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    // Today's tours are stored when the start-up planning run ends: the day's visits, done ones first.
    await page.waitForSelector('.timeline-visit', { timeout: 120_000 });
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as unknown as BoardWindow).__tournee.store.get().date)).toBe(TODAY);
    await expect.poll(() => page.locator('.timeline-visit').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(20);
    await page.screenshot({ path: screenshotPath('demo-board.png') });
    // On a phone the board opens on the requests; the day is one tap away, with the same work.
    await page.setViewportSize(PHONE);
    await page.locator('.phone-nav').getByRole('button', { name: 'Journée' }).click();
    expect(await page.locator('.board-timeline').isVisible()).toBe(true);
    expect(await page.locator('.timeline-visit').count()).toBeGreaterThanOrEqual(20);
    await page.screenshot({ path: screenshotPath('demo-board-390.png') });
    await page.setViewportSize(DESKTOP);
  });

  it('shows invoices, payments and credit notes in Facturation, and finished visits still to invoice', async () => {
    // The demo's past is written once the server listens (seed.ts: writeHistory).
    await expect.poll(() => /demo history: \d+ invoices/.test(server.output()), { timeout: 120_000, interval: 500 }).toBe(true);
    await page.getByRole('link', { name: 'Facturation', exact: true }).click();
    await page.getByRole('heading', { name: 'Devis et factures' }).waitFor();
    const documents = page.getByRole('table', { name: 'Devis, factures et avoirs' });
    await documents.waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    // The agency the board had selected: its invoices, a credit note among them.
    await expect.poll(() => documents.getByRole('row').filter({ hasText: 'Facture' }).count()).toBeGreaterThanOrEqual(3);
    expect(await documents.getByRole('row').filter({ hasText: 'Avoir' }).count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: screenshotPath('demo-billing.png') });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: screenshotPath('demo-billing-390.png') });
    await page.setViewportSize(DESKTOP);
    // Finished visits are there to invoice.
    await page.getByRole('button', { name: 'Nouveau depuis une intervention' }).click();
    const visit = page.getByLabel('Intervention terminée');
    await expect.poll(() => visit.locator('option').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
  });

  it('shows a supplier warranty claim at each stage in Garanties', async () => {
    await page.getByRole('link', { name: 'Garanties', exact: true }).click();
    await page.getByRole('heading', { name: 'Garanties fournisseurs' }).waitFor();
    const claims = page.getByRole('table', { name: 'Demandes de garantie' });
    await claims.waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    for (const status of ['Brouillon', 'Envoyée', 'Acceptée', 'Refusée', 'Avoir reçu', 'Close']) {
      await expect.poll(() => claims.getByRole('row').filter({ hasText: status }).count(), { message: status }).toBeGreaterThanOrEqual(1);
    }
    await page.screenshot({ path: screenshotPath('demo-warranties.png') });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: screenshotPath('demo-warranties-390.png') });
  });
});
