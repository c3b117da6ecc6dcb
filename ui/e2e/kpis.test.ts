// True numbers (issue 12), in headless Chromium against the real server
// (embedded database, demo company planned for tomorrow):
// - a P85 visit due at 12:00 on the day and left unplanned makes the SLA
//   indicator say so (not "100 % · 0 échéance manquée");
// - the indicators' small charts — work per technician against the shift,
//   travel per technician, the day's SLA deadlines by hour — show the figures
//   the board holds, as text (the charts' accessible names), not colour alone.
// Screenshots at 1600×1000, 1024×768 and 390×844 (support/screenshots.ts's folder).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { zonedInstant } from '@tournee/contracts/zoned-time';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const DISPATCHER = 'dispatcher@demo.tournee.fr';

interface BoardWindow {
  __tournee: {
    store: {
      get(): {
        agencyId: string | null;
        technicians: { id: string; firstName: string; lastName: string }[];
        shifts: Record<string, unknown>;
        plan: { tours: Record<string, { stops: { interventionId: string }[] }>; interventions: Record<string, { status: string; siteId: string }> } | null;
      };
    };
  };
}

describeWithChromium('the day’s indicators and their charts', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  let day: string;

  beforeAll(async () => {
    buildUi();
    server = await startServer({ SIMULATE: '0' });
    browser = await launchBrowser({ width: 1600, height: 1000 });
    token = (await login(server.url, DISPATCHER)).token;
    day = server.demoDay!;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('counts a P85 due at noon and left unplanned as a missed deadline', async () => {
    page = await browser.context.newPage();
    await page.goto(`${server.url}/?date=${day}`);
    await page.getByLabel('Adresse e-mail').fill(DISPATCHER);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForSelector('.timeline-visit', { timeout: 120_000 });
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const s = (window as unknown as BoardWindow).__tournee.store.get();
            return s.technicians.length > 0 && Object.keys(s.shifts).length === s.technicians.length;
          }),
        { timeout: 30_000 },
      )
      .toBe(true);
    // At a site the agency already serves that day.
    const { agencyId, siteId } = await page.evaluate(() => {
      const s = (window as unknown as BoardWindow).__tournee.store.get();
      return { agencyId: s.agencyId!, siteId: Object.values(s.plan!.interventions)[0]!.siteId };
    });
    const created = await call<{ id: string }>(server.url, token, 'POST', '/api/interventions', {
      agencyId,
      siteId,
      kind: 'corrective',
      problemDescription: 'Chaudière en panne — e2e indicateurs',
      priority: 85,
      slaDeadline: zonedInstant(day, 12 * 60, 'Europe/Paris').toISOString(),
      earliestDate: day,
      latestDate: day,
      estimatedDurationMinutes: 60,
    });
    // The day read again holds it, waiting in the queue (no tour has it).
    await page.reload();
    await page.waitForSelector('.timeline-visit', { timeout: 60_000 });
    await expect
      .poll(
        () =>
          page.evaluate((id) => {
            const plan = (window as unknown as BoardWindow).__tournee.store.get().plan;
            if (!plan?.interventions[id]) return 'absent';
            return Object.values(plan.tours).some((t) => t.stops.some((s) => s.interventionId === id)) ? 'planned' : 'waiting';
          }, created.id),
        { timeout: 30_000 },
      )
      .toBe('waiting');
    await page.getByRole('tab', { name: 'Indicateurs' }).click();
    const sla = page.locator('[data-kpi="sla"]');
    await expect.poll(() => sla.locator('.kpi-hint').textContent()).toMatch(/^[1-9]\d* échéances? manquées?/);
    expect(await sla.locator('.kpi-value').textContent()).not.toBe('100 %');
    // The SLA chart has it in the noon column, missed.
    const slaChart = page.getByRole('img', { name: /^Échéances SLA par heure/ });
    expect(await slaChart.getAttribute('aria-label')).toMatch(/12 h : [^;]*\d+ manquées?/);
  });

  it('draws work and travel per technician with their figures', async () => {
    const work = page.getByRole('img', { name: /^Charge par technicien/ });
    const travel = page.getByRole('img', { name: /^Trajets par technicien/ });
    await work.waitFor();
    const names = await page.evaluate(() => (window as unknown as BoardWindow).__tournee.store.get().technicians.map((t) => `${t.firstName} ${t.lastName}`));
    const workLabel = (await work.getAttribute('aria-label'))!;
    // Every technician working that day has a bar, saying their hours on site and on the road against the shift.
    const working = await page.locator('.kpi-chart[data-chart="work"] g[data-technician]').count();
    expect(working).toBeGreaterThan(1);
    for (const name of names.filter((n) => workLabel.includes(`${n} :`))) {
      expect(workLabel).toMatch(
        new RegExp(
          `${name} : \\d+ (h \\d{2}|min) de travail \\(\\d+ (h \\d{2}|min) sur site, \\d+ (h \\d{2}|min) de trajet\\) pour (\\d+ h \\d{2}|sans horaire)`,
        ),
      );
    }
    // The travel chart's kilometres add up to the travel indicator's (each rounded).
    const travelLabel = (await travel.getAttribute('aria-label'))!;
    const kms = [...travelLabel.matchAll(/, ([\d\u202f\u00a0 ]+(?:,\d)?) km,/g)].map((m) => Number(m[1]!.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.')));
    expect(kms.length).toBeGreaterThan(0);
    const total = Number((await page.locator('[data-kpi="travel"] .kpi-hint').textContent())!.replace(/[^\d]/g, ''));
    expect(Math.abs(kms.reduce((a, b) => a + b, 0) - total)).toBeLessThanOrEqual(kms.length);
    // Each bar carries its figures in a tooltip (<title>), too.
    expect(await page.locator('.kpi-chart[data-chart="travel"] g[data-technician] title').first().textContent()).toMatch(/km, \d+ visites?\./);
  });

  it('shows the charts on a desktop, a tablet and a phone', async () => {
    for (const [name, width, height] of [
      ['kpis-desktop.png', 1600, 1000],
      ['kpis-tablet.png', 1024, 768],
      ['kpis-phone.png', 390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      const panelTab = page.getByRole('button', { name: /^Demandes/ });
      if (await panelTab.first().isVisible()) await panelTab.first().click();
      await page.getByRole('tab', { name: 'Indicateurs' }).click();
      const chart = page.locator('.kpi-chart[data-chart="work"]');
      await chart.scrollIntoViewIfNeeded();
      expect(await chart.isVisible()).toBe(true);
      await page.screenshot({ path: screenshotPath(name) });
      if (width === 1600) {
        const sla = page.locator('.kpi-chart[data-chart="sla"]');
        await sla.scrollIntoViewIfNeeded();
        await sla.screenshot({ path: screenshotPath('kpis-sla-chart.png') });
      }
      // No sideways scrolling.
      expect(await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth])).toEqual([width, width]);
    }
    await page.setViewportSize({ width: 1600, height: 1000 });
  });
});
