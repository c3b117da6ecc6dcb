// Meter readings in the technician's app (issue 13), in headless Chromium at
// phone size against the real server (embedded database, demo company): a
// heat pump under a contract whose plan wants a service every 2 000
// operating hours, last done at 4 000 h and read at 5 700 h; on site, the
// technician reads 5 820 h — with no network — after a lower value was
// refused on the device; on reconnect the server has the reading and the
// plan's visit due at 6 000 h exists, once.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const TECHNICIAN = 'technicien1@demo.tournee.fr';
const DISPATCHER = 'dispatcher@demo.tournee.fr';
const ADMIN = 'admin@demo.tournee.fr';

describeWithChromium('meter readings in the technician app', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let visitId: string;
  let equipmentId: string;
  let planId: string;

  beforeAll(async () => {
    buildUi();
    server = await startServer({ SIMULATE: '0', DEMO_DAY: 'today' });
    browser = await launchBrowser({ width: 390, height: 844 });
    const t = await login(server.url, TECHNICIAN);
    const technicianId = t.user.technicianId!;
    const agencyId = t.user.agencyIds[0]!;
    const dispatcher = (await login(server.url, DISPATCHER)).token;
    const admin = (await login(server.url, ADMIN)).token;
    // A site of the technician's agency: one of its sectors'.
    const sectors = await call<{ items: { id: string }[] }>(server.url, dispatcher, 'GET', `/api/sectors?agencyId=${agencyId}&limit=50`);
    const sites = await call<{ items: { id: string; customerId: string; sectorId: string | null; lat: number | null }[] }>(
      server.url,
      dispatcher,
      'GET',
      `/api/sites?sectorId=${sectors.items[0]!.id}&limit=20`,
    );
    const site = sites.items.find((s) => s.lat !== null)!;
    const pump = await call<{ id: string }>(server.url, dispatcher, 'POST', '/api/equipment', {
      siteId: site.id,
      category: 'heat_pump',
      brand: 'Atlantic',
      model: 'Alféa Extensa',
      counters: { operating_hours: 5700 },
    });
    equipmentId = pump.id;
    const contract = await call<{ id: string }>(server.url, admin, 'POST', '/api/contracts', {
      customerId: site.customerId,
      reference: `CT-E2E-${Date.now()}`,
      startsOn: '2025-01-01',
    });
    const plan = await call<{ id: string }>(server.url, admin, 'POST', '/api/service-plans', {
      contractId: contract.id,
      siteId: site.id,
      equipmentId,
      name: 'Révision 2 000 h',
      trigger: 'usage_counter',
      counterName: 'operating_hours',
      counterInterval: 2000,
      lastDoneCounter: 4000,
      leadDays: 0,
      estimatedDurationMinutes: 90,
    });
    planId = plan.id;
    // Today's visit at that site for the technician, dispatched; a shift until midnight so it fits at any hour.
    const { today } = await call<{ today: string }>(server.url, t.token, 'GET', '/api/tech/portfolio?days=1');
    const shifts = await call<{ id: string; date: string | null }[]>(server.url, dispatcher, 'GET', `/api/technicians/${technicianId}/shifts`);
    const untilMidnight = { startMinute: 0, endMinute: 1440, breakMinutes: 0, breakStartMinute: null, breakEndMinute: null };
    const dated = shifts.find((s) => s.date === today);
    if (dated) await call(server.url, dispatcher, 'PATCH', `/api/technicians/${technicianId}/shifts/${dated.id}`, untilMidnight);
    else await call(server.url, dispatcher, 'POST', `/api/technicians/${technicianId}/shifts`, { date: today, ...untilMidnight });
    const created = await call<{ id: string; version: number }>(server.url, dispatcher, 'POST', '/api/interventions', {
      agencyId,
      siteId: site.id,
      equipmentId,
      estimatedDurationMinutes: 30,
      priority: 60,
      problemDescription: 'Visite de contrôle, relever les compteurs',
    });
    const portfolio = await call<{ days: { stops: unknown[] }[] }>(server.url, t.token, 'GET', '/api/tech/portfolio?days=1');
    const assigned = await call<{ interventionVersion: number }>(server.url, dispatcher, 'POST', `/api/interventions/${created.id}/assign`, {
      technicianId,
      day: today,
      position: portfolio.days[0]?.stops.length ?? 0,
      version: created.version,
    });
    await call(server.url, dispatcher, 'POST', `/api/interventions/${created.id}/transitions`, { to: 'dispatched', version: assigned.interventionVersion });
    visitId = created.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('reads the operating hours on site offline, refuses a lower value on the device, and the plan’s visit is due on reconnect', async () => {
    page = await browser.context.newPage();
    await page.goto(`${server.url}/tech`);
    await page.getByLabel('Adresse e-mail').fill(TECHNICIAN);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const card = page.locator(`.stop-card[data-intervention-id="${visitId}"]`);
    await card.waitFor({ timeout: 60_000 });
    await card.click();
    await page.getByRole('button', { name: 'Je pars' }).click();
    await expect.poll(() => page.getByTestId('visit-status').textContent()).toBe('En route');
    await page.getByRole('button', { name: 'Je suis sur place' }).click();
    await expect.poll(() => page.getByTestId('visit-status').textContent()).toBe('Sur place');

    await browser.context.setOffline(true);
    const form = page.getByRole('region', { name: 'Relevé de compteurs' });
    await form.scrollIntoViewIfNeeded();
    await expect.poll(() => form.getByTestId('counter-list').textContent()).toMatch(/Heures de fonctionnement\s*5[\u202f\u00a0 ]700\s*h/);
    await form.getByTestId('counter-name').selectOption('operating_hours');
    await form.getByTestId('counter-value').fill('5 610');
    await form.getByRole('button', { name: 'Enregistrer le relevé' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Valeur inférieure au dernier relevé (5\u202f700 h)');
    await form.getByTestId('counter-value').fill('5 820');
    await page.screenshot({ path: screenshotPath('tech-counters-phone.png') });
    await form.getByRole('button', { name: 'Enregistrer le relevé' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Relevé enregistré : Heures de fonctionnement 5\u202f820 h');
    await page.screenshot({ path: screenshotPath('tech-counters-saved-phone.png') });

    await browser.context.setOffline(false);
    const { token } = await login(server.url, DISPATCHER);
    await expect
      .poll(async () => (await call<{ counters: Record<string, number> }>(server.url, token, 'GET', `/api/equipment/${equipmentId}`)).counters, {
        timeout: 60_000,
      })
      .toEqual({ operating_hours: 5820 });
    // 5 820 h is within 10 % of the interval of the 6 000 h threshold: the plan's visit exists, once.
    const due = await call<{ items: { servicePlanId: string | null; dueCounter: number | null }[] }>(
      server.url,
      token,
      'GET',
      `/api/interventions?equipmentId=${equipmentId}&limit=50`,
    );
    expect(due.items.filter((i) => i.servicePlanId === planId)).toEqual([expect.objectContaining({ dueCounter: 6000 })]);
  });
});
