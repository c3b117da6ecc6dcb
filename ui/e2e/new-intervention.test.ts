// « Nouvelle intervention » in headless Chromium against the real server (the
// demo company): the dispatcher finds a customer by name ("Bertrand": the
// search the urgent panel lacked), then creates a new customer and their site
// inline, placed in a town of the agency through the town search, creates the
// visit, and finds it at once in « À planifier ». The browser speaks English
// (en-US): the form's dates and times are French all the same (« 8 déc. »,
// 24 h times typed and stepped by keyboard). Screenshots at desktop, tablet
// and phone sizes go to support/screenshots.ts's folder.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const DISPATCHER = 'dispatcher@demo.tournee.fr';
const DESKTOP = { width: 1600, height: 1000 };
const TABLET = { width: 1024, height: 768 };
const PHONE = { width: 390, height: 844 };

interface Hit {
  name: string;
  sites: { city: string; sectorId: string | null }[];
}

describeWithChromium('« Nouvelle intervention » in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  let agencyId: string;

  beforeAll(async () => {
    buildUi();
    server = await startServer({ SIMULATE: '0' });
    // An English browser: its native date and time inputs would show 12/08/2026 and 08:00 AM.
    browser = await launchBrowser({ ...DESKTOP, locale: 'en-US' });
    const session = await login(server.url, DISPATCHER);
    token = session.token;
    agencyId = session.user.agencyIds[0]!;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const dialog = () => page.getByRole('dialog', { name: 'Nouvelle intervention' });
  const search = () => dialog().getByRole('combobox', { name: 'Client, site ou équipement' });

  it('finds a customer by name among the agency’s', async () => {
    // What the server answers for the board's agency: the Bertrands the demo placed there.
    const expected = await call<{ customers: Hit[] }>(server.url, token, 'GET', `/api/work/search?q=bertrand&agencyId=${agencyId}`);
    expect(expected.customers.length).toBeGreaterThan(0);
    const first = expected.customers[0]!;

    page = await browser.context.newPage();
    await page.goto(server.demoDay ? `${server.url}/?date=${server.demoDay}` : server.url);
    await page.getByLabel('Adresse e-mail').fill(DISPATCHER);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForSelector('.timeline-visit', { timeout: 120_000 });

    await page.getByRole('button', { name: 'Nouvelle intervention' }).click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await search().fill('Bertrand');
    const option = dialog().getByRole('option', { name: new RegExp(`^${escape(first.name)}`) });
    await expect.poll(() => option.count(), { timeout: 30_000 }).toBe(1);
    // Each of her sites once, and no site of another agency's sectors.
    const sites = await dialog().locator('.work-option-site').allTextContents();
    expect(new Set(sites).size).toBe(sites.length);
    await page.screenshot({ path: screenshotPath('new-intervention-search.png') });

    await search().press('Enter');
    await expect.poll(() => dialog().locator('.picked').first().textContent()).toContain(first.name);
  });

  it('creates a customer and site inline, then the visit, which waits in « À planifier » at once', async () => {
    const name = `Mme Camille Testard ${Date.now() % 100_000}`;
    // A town of the agency's sectors: where its customers live.
    const demo = await call<{ customers: Hit[] }>(server.url, token, 'GET', `/api/work/search?q=bertrand&agencyId=${agencyId}`);
    const town = demo.customers.flatMap((c) => c.sites).find((s) => s.sectorId)!.city;

    await dialog().getByRole('button', { name: 'Changer' }).first().click();
    await search().fill(name);
    await dialog()
      .getByRole('option', { name: `Créer le client « ${name} »` })
      .click();
    await dialog().getByLabel('Téléphone', { exact: true }).fill('06 12 34 56 78');
    await dialog().getByLabel('Adresse (n° et rue)').fill('7 avenue des Platanes');
    await dialog().getByRole('combobox', { name: 'Commune' }).fill(town);
    const place = dialog()
      .getByRole('option', { name: new RegExp(`^${escape(town)} .*secteur`) })
      .first();
    await expect.poll(() => place.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await place.click();
    if (!(await dialog().getByLabel('Code postal').inputValue())) await dialog().getByLabel('Code postal').fill('13100');
    await dialog().getByRole('combobox', { name: 'Nature' }).selectOption({ label: 'Dépannage' });
    await dialog().getByLabel('Description').fill('Plus d’eau chaude depuis ce matin');
    await dialog().getByRole('radio', { name: 'Haute' }).check();
    await dialog().getByRole('button', { name: 'Ajouter une plage' }).click();

    // Dates in French whatever the browser's language; the due date picked through the keyboard-typable field.
    const from = dialog().getByLabel(/^À partir du : /);
    await expect.poll(() => from.getAttribute('aria-label')).toMatch(/^À partir du : [A-Z][a-z]{2,3}\. \d{1,2} [a-zéû]{3,5}\.? \d{4}$/);
    const due = dialog().getByLabel(/^À faire au plus tard le : /);
    const dueDay = await due.inputValue();
    // The form's second day field: « À faire au plus tard le ».
    const dueText = await dialog().locator('.day-field').nth(1).locator('.day-field-long').textContent();
    expect(dueText).toBe(frenchDay(dueDay));
    // Times in 24 h, typed as people write them, stepped by a quarter of an hour with the arrow keys.
    const start = dialog().getByRole('textbox', { name: 'Début de la plage 1' });
    const end = dialog().getByRole('textbox', { name: 'Fin de la plage 1' });
    expect(await start.inputValue()).toBe('08:00');
    await start.fill('8h30');
    await start.press('Tab');
    expect(await start.inputValue()).toBe('08:30');
    await start.focus();
    await start.press('ArrowUp');
    expect(await start.inputValue()).toBe('08:45');
    await end.fill('1330');
    await end.press('Tab');
    expect(await end.inputValue()).toBe('13:30');
    // A time that is not one is refused on save, on that window.
    await end.fill('25h');
    await dialog().getByRole('button', { name: 'Créer l’intervention' }).click();
    await expect.poll(() => dialog().getByText('La fin de la plage doit suivre son début.').count()).toBe(1);
    await end.fill('12:00');
    await page.screenshot({ path: screenshotPath('new-intervention-form.png') });

    await dialog().getByRole('button', { name: 'Créer l’intervention' }).click();
    await expect.poll(() => dialog().count(), { timeout: 30_000 }).toBe(0);
    // The queue shows it, selected, with the customer's name and town.
    const row = page.locator('.panel-body').getByText(`${name} — ${town}`);
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('new-intervention-queued.png') });

    // Stored as asked: a new customer with a site in the agency, the visit unassigned.
    const found = await call<{ customers: (Hit & { id: string })[] }>(server.url, token, 'GET', `/api/work/search?q=${encodeURIComponent(name)}`);
    expect(found.customers.map((c) => c.name)).toEqual([name]);
    expect(found.customers[0]!.sites[0]).toMatchObject({ city: town });
  });

  it('lays the form out on a tablet and a phone', async () => {
    for (const [size, file] of [
      [TABLET, 'new-intervention-tablet.png'],
      [PHONE, 'new-intervention-phone.png'],
    ] as const) {
      await page.setViewportSize(size);
      const open = page.getByRole('button', { name: 'Nouvelle intervention' });
      await expect.poll(() => open.isVisible(), { timeout: 15_000 }).toBe(true);
      await open.click();
      await search().fill('Bertrand');
      await expect.poll(() => dialog().getByRole('listbox').getByRole('option').count(), { timeout: 30_000 }).toBeGreaterThan(1);
      await expect.poll(() => dialog().locator('.work-search-status').first().textContent()).toBe('');
      // Nothing wider than the screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: screenshotPath(file) });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog().count()).toBe(0);
    }
  });
});

/** '2026-12-22' → « Mar. 22 déc. 2026 », as the board's DayField writes it. */
function frenchDay(day: string): string {
  const text = new Intl.DateTimeFormat('fr', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
