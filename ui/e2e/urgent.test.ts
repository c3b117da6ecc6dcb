// The urgent request on a full day, in headless Chromium against the real
// server (embedded database, demo company): the office has cut the demo day
// short — two technicians off sick, the others' hours reduced to 08:00–10:00 —
// so nobody can take a three-hour emergency. The panel says why for each
// technician and what can be done instead; "Retour" keeps the request and
// creates nothing (the queue count does not move); the first free slot of a
// coming day is booked; another request is forced with overtime after a
// confirmation. A visit saved to the queue, taken back from the queue, gets
// the same alternatives and a slot of a coming day applied to it: assigned,
// nothing created, the queue one shorter. Screenshots at desktop, tablet and
// phone sizes.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const DISPATCHER = 'dispatcher@demo.tournee.fr';

interface BoardWindow {
  __tournee: { store: { get(): { agencyId: string | null; date: string; plan: unknown } } };
}

describeWithChromium('urgent request on a full day, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  let agencyId: string;
  let day: string;
  let site: { address: string };

  /** Requested (unassigned) interventions of the agency, as the queue counts them. */
  const queued = async () =>
    (await call<{ total: number }>(server.url, token, 'GET', `/api/interventions?agencyId=${agencyId}&status=requested&limit=1`)).total;

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

  it('logs in on the demo day, which the office then cuts short', async () => {
    page = await browser.context.newPage();
    await page.goto(server.demoDay ? `${server.url}/?date=${server.demoDay}` : server.url);
    await page.getByLabel('Adresse e-mail').fill(DISPATCHER);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForSelector('.timeline-visit', { timeout: 120_000 });
    const state = await page.evaluate(() => (window as unknown as BoardWindow).__tournee.store.get());
    agencyId = state.agencyId!;
    day = state.date;
    const technicians = await call<{ items: { id: string }[] }>(server.url, token, 'GET', `/api/technicians?agencyId=${agencyId}&limit=200`);
    expect(technicians.items.length).toBeGreaterThan(2);
    for (const [index, technician] of technicians.items.entries()) {
      if (index < 2) {
        await call(server.url, token, 'POST', `/api/technicians/${technician.id}/absences`, {
          kind: 'sick',
          // The whole local day, whatever the season's offset.
          startsAt: `${day}T00:00:00+02:00`,
          endsAt: `${day}T23:59:00+00:00`,
        });
      } else {
        await call(server.url, token, 'POST', `/api/technicians/${technician.id}/shifts`, { date: day, startMinute: 8 * 60, endMinute: 10 * 60 });
      }
    }
    const sites = await call<{ items: { address: string; lat: number | null }[] }>(server.url, token, 'GET', '/api/sites?q=Aix-en-Provence&limit=20');
    site = sites.items.find((s) => s.lat !== null)!;
  });

  it('says why nobody can take it and what can be done; "Retour" keeps the request and creates nothing', async () => {
    const before = await queued();
    await page.getByRole('tab', { name: 'Urgence' }).click();
    await fill(page, site.address, 'Fuite sur le circuit, chaudière à l’arrêt');
    await page.getByRole('button', { name: 'Trouver les techniciens' }).click();
    await expect.poll(() => page.locator('.urgent').textContent(), { timeout: 60_000 }).toContain('Personne ne peut la prendre');
    const why = page.locator('details.unavailable');
    await expect.poll(() => why.textContent()).toContain('en arrêt maladie jusqu’au');
    expect(await why.textContent()).toMatch(/journée pleine : finirait \d+ (min|h \d\d) après son horaire/);
    await page.getByRole('heading', { name: 'Premiers créneaux libres' }).waitFor();
    await page.getByRole('heading', { name: 'En heures supplémentaires' }).waitFor();
    // No ids or codes on screen.
    const text = (await page.locator('.urgent').textContent())!;
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|capacity|skill_|shift_over|undefined/);

    await page.screenshot({ path: screenshotPath('urgent-full-day.png') });
    await why.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('urgent-reasons.png') });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: screenshotPath('urgent-full-day-tablet.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath('urgent-full-day-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1600, height: 1000 });

    // Back to the form as it was typed; nothing was created by looking.
    await page.getByRole('button', { name: 'Retour' }).click();
    expect(await page.getByLabel('Problème signalé').inputValue()).toBe('Fuite sur le circuit, chaudière à l’arrêt');
    expect(await page.getByLabel('Durée estimée (min)').inputValue()).toBe('180');
    expect(await queued()).toBe(before);
  });

  it('books the first free slot of a coming day', async () => {
    const before = await queued();
    await page.getByRole('button', { name: 'Trouver les techniciens' }).click();
    const book = page.getByRole('button', { name: 'Planifier ce créneau' }).first();
    await book.waitFor({ timeout: 60_000 });
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/urgent-requests') && r.request().method() === 'POST');
    await book.click();
    const answer = (await (await saved).json()) as { interventionId: string; status: string; day: string };
    expect(answer.status).toBe('assigned');
    expect(answer.day > day).toBe(true);
    await page.getByText(/Affectée à/).waitFor({ timeout: 20_000 });
    const stored = await call<{ status: string; technicianId: string | null }>(server.url, token, 'GET', `/api/interventions/${answer.interventionId}`);
    expect(stored).toMatchObject({ status: 'assigned', technicianId: expect.any(String) });
    // Assigned, not queued.
    expect(await queued()).toBe(before);
  });

  it('forces a technician’s day longer, after a confirmation reached from the keyboard', async () => {
    await page.getByRole('button', { name: 'Nouvelle demande' }).click();
    await fill(page, site.address, 'Plus d’eau chaude, client âgé');
    await page.getByRole('button', { name: 'Trouver les techniciens' }).click();
    const force = page.getByRole('button', { name: 'Forcer…' }).first();
    await force.waitFor({ timeout: 60_000 });
    await force.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await expect.poll(() => dialog.textContent()).toMatch(/L’intervention finirait à \d\d:\d\d et sa journée .+ après son horaire/);
    await page.screenshot({ path: screenshotPath('urgent-force.png') });
    // The confirmation has the focus: Enter confirms.
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/urgent-requests') && r.request().method() === 'POST');
    await page.keyboard.press('Enter');
    const answer = (await (await saved).json()) as { status: string; day: string; overtimeMinutes: number };
    expect(answer).toMatchObject({ status: 'assigned', day });
    expect(answer.overtimeMinutes).toBeGreaterThan(0);
    await page.getByText(/Dépassement accepté/).waitFor({ timeout: 20_000 });
  });

  it('offers a queued visit of the full day the same alternatives, and books a slot of a coming day for that visit', async () => {
    // Saved to the queue on purpose: a plain queued visit of the day.
    await page.getByRole('button', { name: 'Nouvelle demande' }).click();
    await fill(page, site.address, 'Radiateurs froids à l’étage');
    await page.getByRole('button', { name: 'Trouver les techniciens' }).click();
    const keep = page.getByRole('button', { name: 'Enregistrer sans affecter' });
    await page.getByRole('heading', { name: 'Premiers créneaux libres' }).waitFor({ timeout: 60_000 });
    const created = page.waitForResponse((r) => r.url().endsWith('/api/urgent-requests') && r.request().method() === 'POST');
    await keep.click();
    const visit = (await (await created).json()) as { interventionId: string; status: string };
    expect(visit.status).toBe('requested');
    const before = await queued();
    const total = await call<{ total: number }>(server.url, token, 'GET', `/api/interventions?agencyId=${agencyId}&limit=1`);

    // From the queue (where it waits at once): « Trouver un technicien » is no longer a dead end.
    await page.getByRole('tab', { name: 'À planifier' }).click();
    const item = page.locator(`.queue-item[data-intervention-id="${visit.interventionId}"]`);
    await item.waitFor({ timeout: 20_000 });
    await item.getByRole('button', { name: 'Trouver un technicien' }).click();
    await page.getByRole('heading', { name: 'Premiers créneaux libres' }).waitFor({ timeout: 60_000 });
    // Why, per technician, in words (the day's overtime is already taken by the request forced above).
    const why = page.locator('details.unavailable');
    await expect.poll(() => why.textContent()).toContain('en arrêt maladie jusqu’au');
    const text = (await page.locator('.urgent').textContent())!;
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|capacity|skill_|shift_over|undefined/);
    await page.screenshot({ path: screenshotPath('queue-alternatives.png') });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: screenshotPath('queue-alternatives-tablet.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath('queue-alternatives-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1600, height: 1000 });

    // The slot applied to THAT visit: assigned on a coming day, nothing created, the queue one shorter.
    const placed = page.waitForResponse((r) => r.url().endsWith(`/api/interventions/${visit.interventionId}/urgent-decision`));
    await page.getByRole('button', { name: 'Planifier ce créneau' }).first().click();
    const answer = (await (await placed).json()) as { interventionId: string; status: string; day: string };
    expect(answer).toMatchObject({ interventionId: visit.interventionId, status: 'assigned' });
    expect(answer.day > day).toBe(true);
    await page.getByText(/Affectée à/).waitFor({ timeout: 20_000 });
    expect(await queued()).toBe(before - 1);
    expect((await call<{ total: number }>(server.url, token, 'GET', `/api/interventions?agencyId=${agencyId}&limit=1`)).total).toBe(total.total);
    await page.getByRole('tab', { name: 'À planifier' }).click();
    await expect.poll(() => item.count(), { timeout: 20_000 }).toBe(0);
    await page.screenshot({ path: screenshotPath('queue-alternatives-booked.png') });
  });
});

/** The form: a site found by its address, the problem, three hours of work. */
async function fill(page: Page, address: string, problem: string): Promise<void> {
  await page.getByLabel('Client ou site').fill(address);
  await page.locator('[role="option"]', { hasText: address }).first().click();
  await page.getByLabel('Problème signalé').fill(problem);
  await page.getByLabel('Durée estimée (min)').fill('180');
}
