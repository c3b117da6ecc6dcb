// Accessibility in headless Chromium against the real server (issue 12,
// "Accessibility"): axe-core (Deque's rule engine, a dev dependency) injected
// from node_modules into each page — no network — and run on the login screen,
// the dispatcher's board at 1600×1000, 1024×768 and 390×844 (its side panels and
// the phone's views), the back office's screens and their tabs, and the
// technician's app on a phone (tour, visit sheet, map, parts, alerts). A
// serious or critical violation fails, naming the rule and the elements. Then
// the keyboard path: a visit of the queue assigned to a technician with keys
// only (Tab, Enter), the day switched and the urgent request opened the same way.
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
const ADMIN = 'admin@demo.tournee.fr';
const TECHNICIAN = 'technicien1@demo.tournee.fr';

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1024, height: 768 };
const DESKTOP = { width: 1600, height: 1000 };

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[]; readonly failureSummary?: string }[];
}

/**
 * Runs axe on the page as it is and returns its serious and critical violations, one line per rule with its
 * elements. The engine is injected once per document: `page.addScriptTag` would add an inline script, which the
 * server's Content-Security-Policy (script-src 'self') rightly refuses, so the same file is evaluated through the
 * DevTools protocol instead (not subject to the page's CSP), still from node_modules.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes
          .slice(0, 8)
          .map((n) => `    ${n.target.map(String).join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`)
          .join('\n') +
        (v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : ''),
    );
}

/** Fails with the violations listed when axe finds a serious or critical one. */
async function expectAccessible(page: Page, where: string): Promise<void> {
  const found = await seriousViolations(page);
  // Soft: the test goes on, so one run lists every screen's violations.
  expect.soft(found, `axe, ${where}:\n${found.join('\n')}`).toEqual([]);
}

async function logIn(page: Page, email: string): Promise<void> {
  // Generous: the first page of a run waits for the bundle on a loaded machine.
  await page.getByLabel('Adresse e-mail').waitFor({ timeout: 90_000 });
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill('tournee-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Presses Tab (Shift+Tab with `back`) until the focused element matches, as a keyboard user would walk to it. */
async function tabTo(page: Page, matches: (el: Element, arg: string) => boolean, { arg = '', back = false, max = 120 } = {}): Promise<void> {
  // A string expression: evaluated by the DevTools protocol, as the function's body would be.
  const test = `Boolean(document.activeElement && (${matches.toString()})(document.activeElement, ${JSON.stringify(arg)}))`;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate(test)) return;
  }
  throw new Error(`not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}: ${matches.toString()} (${arg})`);
}

describeWithChromium('accessibility: axe-core and keyboard paths', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    buildUi();
    server = await startServer({ SIMULATE: '0' });
    browser = await launchBrowser({ ...DESKTOP });
    // The day is planned at start-up: the timeline, the queue and the technician's tour exist once it is.
    const dispatcher = (await login(server.url, DISPATCHER)).token;
    const agencyId = (await login(server.url, TECHNICIAN)).user.agencyIds[0]!;
    const deadline = Date.now() + 150_000;
    for (;;) {
      const runs = await call<{ items: { status: string }[] }>(server.url, dispatcher, 'GET', `/api/plans?agencyId=${agencyId}&limit=1`);
      if (runs.items[0]?.status === 'succeeded') break;
      if (runs.items[0]?.status === 'failed' || Date.now() > deadline) throw new Error(`the demo day was not planned within 150 s:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const boardUrl = () => (server.demoDay ? `${server.url}/?date=${server.demoDay}` : server.url);

  it('login screens (board and technician app): no serious or critical violation', async () => {
    const page = await browser.context.newPage();
    await page.goto(boardUrl());
    await page.getByLabel('Adresse e-mail').waitFor();
    await expectAccessible(page, 'board login, desktop');
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/tech`);
    await page.getByLabel('Adresse e-mail').waitFor();
    await expectAccessible(page, 'technician login, phone');
    await page.close();
  });

  it('dispatcher board at 1600, 1024 and 390 px: its panels and views pass axe', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(DESKTOP);
    await page.goto(boardUrl());
    await logIn(page, DISPATCHER);
    await page.waitForSelector('.timeline-visit', { state: 'attached', timeout: 120_000 });
    await page.locator('.queue-item').first().waitFor();
    await expectAccessible(page, 'board, desktop, queue');
    await page.screenshot({ path: screenshotPath('a11y-board-desktop.png') });

    for (const tab of ['Urgence', 'Optimiser', 'Indicateurs', 'Conflits']) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await page.locator('.panel-body').waitFor();
      await expectAccessible(page, `board, desktop, tab ${tab}`);
    }
    // A visit selected: its card over the map.
    await page.getByRole('tab', { name: /^À planifier/ }).click();
    await page.locator('.queue-item .queue-main').first().click();
    await expectAccessible(page, 'board, desktop, a visit selected');

    await page.setViewportSize(TABLET);
    await expectAccessible(page, 'board, tablet 1024');
    await page.screenshot({ path: screenshotPath('a11y-board-tablet.png') });

    await page.setViewportSize(PHONE);
    const nav = page.locator('.phone-nav');
    for (const view of ['Demandes', 'Carte', 'Journée']) {
      await nav.getByRole('button', { name: new RegExp(`^${view}`) }).click();
      await expectAccessible(page, `board, phone, ${view}`);
    }
    await page.screenshot({ path: screenshotPath('a11y-board-phone.png') });
    await page.close();
  });

  it("back office: each screen and each of its tabs pass axe (the admin's, webhooks included)", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(DESKTOP);
    await page.goto(server.url);
    await logIn(page, ADMIN);
    const sections = page.getByRole('navigation', { name: 'Rubriques' });
    await sections.waitFor({ timeout: 60_000 });
    for (const name of ['Stock', 'Garanties', 'Facturation', 'Importer', 'Webhooks ERP']) {
      await sections.getByRole('link', { name }).click();
      await page.locator('main.back-office h1').waitFor();
      // Each screen's first data (a table, a list or an empty state), then its tabs one by one.
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `back office, ${name}`);
      const tabs = page.locator('main.back-office [role="tablist"]').first().getByRole('tab');
      const count = await tabs.count();
      for (let i = 1; i < count; i++) {
        const label = (await tabs.nth(i).textContent())!.trim();
        await tabs.nth(i).click();
        await page.waitForLoadState('networkidle');
        await expectAccessible(page, `back office, ${name}, tab ${label}`);
      }
    }
    // The warranty lookup names an equipment's category in words (« Chaudière gaz »), never its code (`gas_boiler`).
    const token = (await login(server.url, ADMIN)).token;
    const equipment = (
      await call<{ items: { serialNumber: string | null; category: string }[] }>(server.url, token, 'GET', '/api/equipment?limit=100')
    ).items.find((e) => e.serialNumber && e.category.includes('_'));
    expect(equipment, 'an equipment whose category code has an underscore').toBeTruthy();
    await sections.getByRole('link', { name: 'Garanties' }).click();
    await page.getByRole('tab', { name: 'Statut d’un équipement' }).click();
    await page.getByRole('searchbox').fill(equipment!.serialNumber!);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const found = page.locator('.bo-pick-list li').first();
    await found.waitFor();
    await found.getByRole('button').click();
    await page.getByRole('article').waitFor();
    const shown = `${await found.textContent()} ${await page.getByRole('article').getByRole('heading').first().textContent()}`;
    expect(shown).not.toContain(equipment!.category);
    expect(shown).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    await expectAccessible(page, 'back office, warranty lookup with a verdict');
    await page.screenshot({ path: screenshotPath('a11y-warranty-lookup.png') });

    await page.setViewportSize(PHONE);
    await sections.getByRole('link', { name: 'Stock' }).click();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'back office, phone, Stock');
    // Every section's link whole on a phone (« Importer » was cut off at the screen's edge, the rest scrolled out of sight).
    const links = await sections.getByRole('link').evaluateAll((as) =>
      as.map((a) => {
        const box = a.getBoundingClientRect();
        const nav = a.closest('nav')!.getBoundingClientRect();
        return { text: a.textContent, left: box.left, right: box.right, navLeft: nav.left, navRight: nav.right };
      }),
    );
    expect(links.map((l) => l.text)).toEqual(expect.arrayContaining(['Planning', 'Stock', 'Garanties', 'Facturation', 'Importer', 'Webhooks ERP']));
    for (const l of links) {
      expect(l.left, `${l.text} starts inside the bar`).toBeGreaterThanOrEqual(l.navLeft - 0.5);
      expect(l.right, `${l.text} ends inside the bar`).toBeLessThanOrEqual(Math.min(l.navRight, PHONE.width) + 0.5);
    }
    const header = (await page.locator('.topbar').boundingBox())!;
    expect(header.height).toBeLessThan(PHONE.height * 0.2);
    await page.screenshot({ path: screenshotPath('a11y-back-office-phone.png') });
    // The Importer on a phone: its tabs and buttons whole on the screen.
    await sections.getByRole('link', { name: 'Importer' }).click();
    await page.locator('main.back-office h1').waitFor();
    await page.waitForLoadState('networkidle');
    const cut = await page
      .locator('main.back-office')
      .locator('button, [role="tab"], a')
      .evaluateAll((els) =>
        els
          .map((el) => ({ text: el.textContent?.trim() ?? '', box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && (box.left < -0.5 || box.right > window.innerWidth + 0.5))
          .map(({ text, box }) => `${text} (${Math.round(box.left)}–${Math.round(box.right)})`),
      );
    expect(cut, 'controls of the Importer beyond the screen').toEqual([]);
    await expectAccessible(page, 'back office, phone, Importer');
    await page.screenshot({ path: screenshotPath('a11y-import-phone.png'), fullPage: true });
    await page.close();
  });

  it("technician app on a phone: the day's tour, a visit sheet, the map, parts and alerts pass axe", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/tech`);
    await logIn(page, TECHNICIAN);
    await page.getByRole('tab', { name: /Demain/ }).click();
    await page.waitForSelector('.stop-card', { timeout: 60_000 });
    await expectAccessible(page, 'technician app, tour');
    await page.locator('.stop-card').first().click();
    await page.locator('article.visit').waitFor();
    await expectAccessible(page, 'technician app, visit sheet');
    await page.screenshot({ path: screenshotPath('a11y-tech-visit.png'), fullPage: true });
    await page.getByRole('button', { name: /Retour/ }).click();
    const tabs = page.locator('.tech-tabs');
    await tabs.getByRole('button', { name: /^Carte/ }).click();
    await page.waitForSelector('.stop-pin');
    await expectAccessible(page, 'technician app, map');
    for (const name of ['Pièces', 'Alertes']) {
      await tabs.getByRole('button', { name: new RegExp(`^${name}`) }).click();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `technician app, ${name}`);
    }
    await page.close();
  });

  it('keyboard only: switch the day and back, open the urgent request, open a queued visit and assign it to a technician', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(DESKTOP);
    await page.goto(boardUrl());
    await logIn(page, DISPATCHER);
    await page.waitForSelector('.timeline-visit', { state: 'attached', timeout: 120_000 });
    await page.locator('.queue-item').first().waitFor();
    const controllerDay = () => page.evaluate(() => (window as unknown as { __tournee: { store: { get(): { date: string } } } }).__tournee.store.get().date);
    const startDay = await controllerDay();

    // The day: "Jour suivant" by Tab and Enter, then "Jour précédent" back.
    await page.locator('body').focus();
    await tabTo(page, (el) => el.getAttribute('aria-label') === 'Jour suivant');
    await page.keyboard.press('Enter');
    await expect.poll(controllerDay).not.toBe(startDay);
    await tabTo(page, (el) => el.getAttribute('aria-label') === 'Jour précédent', { back: true, max: 5 });
    await page.keyboard.press('Enter');
    await expect.poll(controllerDay).toBe(startDay);
    await page.locator('.queue-item').first().waitFor();

    // The side panel's tabs with the arrow keys: the urgent request's form, then back to the queue.
    await tabTo(page, (el) => el.getAttribute('role') === 'tab' && el.getAttribute('aria-selected') === 'true');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Urgence' }).getAttribute('aria-selected')).toBe('true');
    await page.locator('#panel-urgent').waitFor();
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('tab', { name: /^À planifier/ }).getAttribute('aria-selected')).toBe('true');

    // One visit of the queue that someone can take (the server's ranking, as the panel will show it): "Trouver un
    // technicien", then the first candidate's "Affecter" — Tab and Enter only.
    const token = (await login(server.url, DISPATCHER)).token;
    const queuedIds = await page.locator('.queue-item').evaluateAll((items) => items.map((li) => li.getAttribute('data-intervention-id')!));
    let interventionId: string | null = null;
    for (const id of queuedIds) {
      const answer = await call<{ candidates: unknown[] }>(server.url, token, 'POST', `/api/interventions/${id}/insertion-candidates`, { day: startDay });
      if (answer.candidates.length > 0) {
        interventionId = id;
        break;
      }
    }
    expect(interventionId, 'a queued visit with a candidate').not.toBeNull();
    // Opened first (its card over the map), then its "Trouver un technicien", the next stop after it.
    await tabTo(page, (el, id) => el.classList.contains('queue-main') && el.closest('.queue-item')?.getAttribute('data-intervention-id') === id, {
      arg: interventionId!,
      max: 400,
    });
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (window as unknown as { __tournee: { store: { get(): { selectedInterventionId: string | null } } } }).__tournee.store.get().selectedInterventionId,
        ),
      )
      .toBe(interventionId);
    await page.locator('.selection-card').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Trouver un technicien');
    await page.keyboard.press('Enter');
    // The focus follows to the candidates' heading, so the next Tab goes on from there.
    await page.locator('.candidate').first().waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Qui peut intervenir/);
    const technicianId = (await page.locator('.candidate').first().getAttribute('data-technician-id'))!;
    await tabTo(page, (el) => el.textContent === 'Affecter' && el.closest('.candidate') !== null, { max: 10 });
    expect(await page.evaluate(() => document.activeElement?.closest('.candidate')?.getAttribute('data-technician-id'))).toBe(technicianId);
    await page.keyboard.press('Enter');
    await page.locator('.candidates .success').waitFor({ timeout: 30_000 });
    // The store's plan has it on that technician's tour.
    await expect
      .poll(() =>
        page.evaluate(
          (id) =>
            (
              window as unknown as { __tournee: { store: { get(): { plan: { interventions: Record<string, { technicianId: string | null }> } } } } }
            ).__tournee.store.get().plan.interventions[id]?.technicianId,
          interventionId!,
        ),
      )
      .toBe(technicianId);
    await page.screenshot({ path: screenshotPath('a11y-keyboard-assigned.png') });
    await page.close();
  });
});
