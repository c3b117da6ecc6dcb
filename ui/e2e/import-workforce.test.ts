// The Importer screen in headless Chromium for the workforce and the stock
// (issue 13), against the real server with the demo company: the demo admin
// imports technicians with their skills and levels, then a stock count per
// depot and van — each with its dry run (a refused line worded in French,
// naming the column), the import, and the same file again changing nothing.
// The files are built here from the demo's own codes. Screenshots at desktop,
// tablet and phone sizes.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const ADMIN = 'admin@demo.tournee.fr';
const WAIT = 120_000;

interface Page_<T> {
  items: T[];
}

describeWithChromium('importing technicians and stock levels in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    buildUi();
    server = await startServer({ SIMULATE: '0' });
    token = (await login(server.url, ADMIN)).token;
    browser = await launchBrowser({ width: 1600, height: 1000 });
    page = await browser.context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Adresse e-mail').fill(ADMIN);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('navigation', { name: 'Rubriques' }).waitFor({ timeout: 60_000 });
    await page.getByRole('navigation', { name: 'Rubriques' }).getByRole('link', { name: 'Importer' }).click();
    await page.getByRole('heading', { name: 'Importer et exporter', level: 1 }).waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function pick(kind: string, name: string, csv: string) {
    const another = page.getByRole('button', { name: 'Importer un autre fichier' });
    if (await another.isVisible()) await another.click();
    await page.getByLabel('Type de fichier').first().selectOption({ label: kind });
    await page.getByLabel('Fichier (CSV ou Excel .xlsx)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('heading', { name: 'Correspondance des colonnes' }).waitFor({ timeout: WAIT });
  }

  async function run(button: 'Simuler l’import' | 'Importer', verdict: RegExp) {
    await page.locator('.import-actions').getByRole('button', { name: button, exact: true }).click();
    await page.locator('.import-verdict', { hasText: verdict }).waitFor({ timeout: WAIT });
  }

  const total = async (key: string) => ((await page.locator(`.import-total[data-total="${key}"] dd`).textContent()) ?? '').replace(/\s/g, '');

  it('offers the new kinds of file in French', async () => {
    const options = await page.getByLabel('Type de fichier').first().locator('option').allTextContents();
    expect(options).toEqual(
      expect.arrayContaining(['Stocks (dépôts et camions)', 'Techniciens', 'Contrats', 'Plans de maintenance', 'Interventions en cours']),
    );
  });

  it('imports technicians with skills and levels: dry run with a refused line, import, then no change the second time', async () => {
    const agencies = await call<Page_<{ code: string }>>(server.url, token, 'GET', '/api/agencies?limit=1');
    const skills = await call<Page_<{ code: string }>>(server.url, token, 'GET', '/api/skills?limit=2');
    const agency = agencies.items[0]!.code;
    const [a, b] = skills.items.map((s) => s.code);
    const csv = [
      'Matricule;Prénom;Nom;Agence;Compétences;Adresse domicile',
      `E2E-T1;Lucie;Martin;${agency};${a}:4, ${b}:2;3 rue des Lices`,
      `E2E-T2;Karim;Benali;${agency};${a}:1;`,
      `E2E-T3;Paul;Roux;${agency};inconnue:2;`,
    ].join('\n');
    await pick('Techniciens', 'techniciens.csv', csv);
    expect(await page.getByLabel('Champ — Compétences').inputValue()).toBe('skills');
    await run('Simuler l’import', /Simulation/);
    expect([await total('created'), await total('refused')]).toEqual(['2', '1']);
    // The refused line: its column and the reason in words.
    const refused = page.locator('.import-lines tr', { hasText: 'E2E-T3' });
    await expect.poll(() => refused.textContent()).toMatch(/Compétences.*introuvable/);
    await page.screenshot({ path: screenshotPath('import-technicians-dry-run.png') });
    await run('Importer', /Import terminé/);
    expect(await total('created')).toBe('2');

    await pick('Techniciens', 'techniciens.csv', csv);
    await run('Simuler l’import', /Simulation/);
    expect([await total('created'), await total('updated'), await total('unchanged')]).toEqual(['0', '0', '2']);
  });

  it('imports a stock count per depot and van: the differences are recorded as adjustments', async () => {
    const depots = await call<Page_<{ code: string; kind: string }>>(server.url, token, 'GET', '/api/depots?limit=200');
    const parts = await call<Page_<{ reference: string }>>(server.url, token, 'GET', '/api/parts?limit=2');
    const central = depots.items.find((d) => d.kind === 'central')!.code;
    const van = depots.items.find((d) => d.kind === 'van')!.code;
    const [p1, p2] = parts.items.map((p) => p.reference);
    const csv = ['Référence article;Dépôt;En stock;Emplacement', `${p1};${central};41;E2E-1`, `${p2};${van};3;`, `NOPE-404;${central};1;`].join('\n');
    await pick('Stocks (dépôts et camions)', 'inventaire.csv', csv);
    expect(await page.getByLabel('Champ — En stock').inputValue()).toBe('onHand');
    await run('Simuler l’import', /Simulation/);
    expect(await total('refused')).toBe('1');
    await expect
      .poll(() =>
        page
          .locator('.import-lines tr', { hasText: /Référence article/ })
          .filter({ hasText: 'introuvable' })
          .count(),
      )
      .toBeGreaterThan(0);
    await run('Importer', /Import terminé/);
    await page.screenshot({ path: screenshotPath('import-stock.png') });

    await pick('Stocks (dépôts et camions)', 'inventaire.csv', csv);
    await run('Simuler l’import', /Simulation/);
    expect([await total('created'), await total('updated'), await total('unchanged')]).toEqual(['0', '0', '2']);

    for (const [name, width, height] of [
      ['import-stock-tablet.png', 1024, 768],
      ['import-stock-phone.png', 390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: screenshotPath(name), fullPage: true });
    }
    await page.setViewportSize({ width: 1600, height: 1000 });
  });
});
