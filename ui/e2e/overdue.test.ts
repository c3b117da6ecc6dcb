// « Visites en retard » (issues 12 and 13), in headless Chromium against the
// real server (embedded database, demo company): the back office's screen
// lists the agency's overdue service-plan visits as GET /api/overdue-visits
// answers them — customer, site, equipment, why the visit is due (the day,
// or the counter with its reading and threshold) and how late — and
// « Créer la visite » creates the plan's visit, which the row then shows.
// Screenshots at 1600×1000, 1024×768 and 390×844 (support/screenshots.ts's folder).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const DISPATCHER = 'dispatcher@demo.tournee.fr';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is (evaluated through DevTools: the CSP refuses inline scripts). */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(c: Document, o: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> };
      }
    ).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(', ')}`);
  });
}

interface Overdue {
  servicePlanId: string;
  trigger: string;
  customerName: string;
  city: string;
  dueOn: string | null;
  daysOverdue: number | null;
  counterReading: number | null;
  dueCounter: number | null;
  openInterventionId: string | null;
  openInterventionStatus: string | null;
}

describeWithChromium('overdue visits', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  let agencyId: string;
  let items: Overdue[];

  beforeAll(async () => {
    buildUi();
    server = await startServer({ SIMULATE: '0' });
    browser = await launchBrowser({ width: 1600, height: 1000 });
    token = (await login(server.url, DISPATCHER)).token;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const overdue = async () => (await call<{ items: Overdue[] }>(server.url, token, 'GET', `/api/overdue-visits?agencyId=${agencyId}&limit=500`)).items;

  it('lists the agency’s overdue visits with who, where, why and how late', async () => {
    page = await browser.context.newPage();
    await page.goto(`${server.url}/#/overdue`);
    await page.getByLabel('Adresse e-mail').fill(DISPATCHER);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Visites en retard' }).waitFor({ timeout: 120_000 });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __tournee: { store: { get(): { agencyId: string | null } } } }).__tournee.store.get().agencyId), {
        timeout: 30_000,
      })
      .not.toBeNull();
    agencyId = await page.evaluate(() => (window as unknown as { __tournee: { store: { get(): { agencyId: string } } } }).__tournee.store.get().agencyId);
    items = await overdue();
    expect(items.length).toBeGreaterThan(0);
    const rows = page.locator('.overdue-table tbody tr[data-key]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(items.length);

    const byDay = items.find((v) => v.trigger !== 'usage_counter' && v.dueOn && v.daysOverdue !== null)!;
    const dayRow = page.locator(`.overdue-table tr[data-key="${byDay.servicePlanId}"]`);
    const [y, m, d] = byDay.dueOn!.split('-');
    expect(await dayRow.textContent()).toContain(byDay.customerName);
    expect(await dayRow.textContent()).toContain(byDay.city);
    expect(await dayRow.locator('.overdue-reason').textContent()).toBe(`Prévue le ${d}/${m}/${y}`);
    expect(await dayRow.locator('.overdue-late').textContent()).toBe(`${byDay.daysOverdue} jour${byDay.daysOverdue! > 1 ? 's' : ''}`);

    // A counter plan, when the demo has one past its threshold, says which counter and its figures.
    const byCounter = items.find((v) => v.trigger === 'usage_counter' && v.counterReading !== null);
    if (byCounter) {
      const reason = (await page.locator(`.overdue-table tr[data-key="${byCounter.servicePlanId}"] .overdue-reason`).textContent())!;
      expect(reason).toMatch(/^Compteur .+ : [\d\s\u202f,]+ \S+ ≥ [\d\s\u202f,]+ \S+$/);
    }
    // No code on screen.
    const text = (await page.locator('.overdue-table').textContent())!;
    expect(text).not.toMatch(/usage_counter|fixed_dates|operating_hours|heat_pump|gas_boiler|requested/);
  });

  it('creates the visit from its row, which then shows it', async () => {
    // The demo's generator has made every overdue visit already: a plan added on one of the agency's contracts,
    // due ten days ago, has none yet.
    const sample = (
      await call<{ items: (Overdue & { contractId: string; siteId: string; equipmentId: string | null })[] }>(
        server.url,
        token,
        'GET',
        `/api/overdue-visits?agencyId=${agencyId}&limit=1`,
      )
    ).items[0]!;
    const due = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const plan = await call<{ id: string }>(server.url, token, 'POST', '/api/service-plans', {
      contractId: sample.contractId,
      siteId: sample.siteId,
      ...(sample.equipmentId ? { equipmentId: sample.equipmentId } : {}),
      name: 'Contrôle e2e des visites en retard',
      trigger: 'fixed_dates',
      fixedDates: [due],
      nextDueOn: due,
      interventionKind: 'preventive',
      estimatedDurationMinutes: 45,
    });
    // The server lists it, without a visit.
    expect((await overdue()).find((v) => v.servicePlanId === plan.id)?.openInterventionId).toBeNull();
    await page.reload();
    await page.getByRole('heading', { name: 'Visites en retard' }).waitFor({ timeout: 60_000 });
    const row = page.locator(`.overdue-table tr[data-key="${plan.id}"]`);
    await row.waitFor({ timeout: 60_000 });
    expect(await row.locator('.overdue-late').textContent()).toMatch(/^1[01] jours$/);
    const button = row.getByRole('button', { name: /^Créer la visite « Contrôle e2e des visites en retard » chez / });
    await button.scrollIntoViewIfNeeded();
    await button.click();
    await row.getByText('Visite créée · Demandée').waitFor({ timeout: 30_000 });
    const after = (await overdue()).find((v) => v.servicePlanId === plan.id)!;
    expect(after.openInterventionId).not.toBeNull();
    expect(after.openInterventionStatus).toBe('requested');
    await page.screenshot({ path: screenshotPath('overdue-created.png') });
  });

  it('shows the list on a desktop, a tablet and a phone', async () => {
    for (const [name, width, height] of [
      ['overdue-desktop.png', 1600, 1000],
      ['overdue-tablet.png', 1024, 768],
      ['overdue-phone.png', 390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: screenshotPath(name) });
      expect(await seriousViolations(page), `axe at ${width} px`).toEqual([]);
      // Wide tables scroll in their own box, never the page sideways.
      expect(await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth])).toEqual([width, width]);
    }
  });
});
