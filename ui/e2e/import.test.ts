// The back office's Importer in headless Chromium against the real server
// (embedded database, demo company): the demo admin imports 2,000 customers
// from a CSV and 10,000 equipment from an Excel workbook through the screen —
// mapping proposed, dry run, import with its progress bar — imports the
// workbook a second time (nothing changes), then undoes the first import from
// the history. The files are generated here (benchmarks/import/generate.ts),
// never committed. Screenshots at desktop, tablet and phone sizes.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { customersCsv, equipmentWorkbook, sitesCsv } from '../../benchmarks/import/generate.ts';
import { login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const ADMIN = 'admin@demo.tournee.fr';
const CUSTOMERS = 2000;
const EQUIPMENT = 10_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// A loaded 2-core machine may take minutes over 10,000 lines: waits are generous, never shortened.
const LONG = 600_000;

describeWithChromium('spreadsheet import in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    buildUi();
    server = await startServer({ SIMULATE: '0' });
    browser = await launchBrowser({ width: 1600, height: 1000 });
    page = await browser.context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(server.url);
    await page.getByLabel('Adresse e-mail').fill(ADMIN);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('navigation', { name: 'Rubriques' }).waitFor({ timeout: 60_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openImporter() {
    await page.getByRole('navigation', { name: 'Rubriques' }).getByRole('link', { name: 'Importer' }).click();
    await page.getByRole('heading', { name: 'Importer et exporter', level: 1 }).waitFor();
  }

  /** Chooses the kind and the file; the server answers with the proposed mapping. */
  async function pick(kind: string, name: string, mimeType: string, buffer: Buffer) {
    const another = page.getByRole('button', { name: 'Importer un autre fichier' });
    if (await another.isVisible()) await another.click();
    await page.getByLabel('Type de fichier').first().selectOption({ label: kind });
    await page.getByLabel('Fichier (CSV ou Excel .xlsx)').setInputFiles({ name, mimeType, buffer });
    await page.getByRole('heading', { name: 'Correspondance des colonnes' }).waitFor({ timeout: 120_000 });
  }

  async function total(key: string): Promise<string> {
    return ((await page.locator(`.import-total[data-total="${key}"] dd`).textContent()) ?? '').replace(/\s/g, '');
  }

  async function runAndWait(button: 'Simuler l’import' | 'Importer', verdict: RegExp) {
    await page.locator('.import-actions').getByRole('button', { name: button, exact: true }).click();
    await page.locator('.import-verdict', { hasText: verdict }).waitFor({ timeout: LONG });
  }

  it(
    'imports 2,000 customers from a CSV: mapping proposed from French headers, dry run, then the import',
    async () => {
      await openImporter();
      await pick('Clients', 'clients.csv', 'text/csv', Buffer.from(customersCsv(CUSTOMERS)));
      await page.locator('.import-file', { hasText: 'clients.csv' }).waitFor();
      await expect.poll(() => page.getByText(/2\s000 lignes/).count()).toBeGreaterThan(0);
      // The mapping proposed from the headers, in words.
      expect(await page.getByLabel('Champ — Référence client').inputValue()).toBe('reference');
      expect(await page.getByLabel('Champ — Remarques').inputValue()).toBe('notes');
      await runAndWait('Simuler l’import', /Simulation/);
      expect(await total('created')).toBe('2000');
      expect(await total('refused')).toBe('0');
      await page.screenshot({ path: screenshotPath('import-dry-run.png') });
      await runAndWait('Importer', /Import terminé/);
      expect(await total('created')).toBe('2000');
    },
    LONG,
  );

  it(
    'imports 10,000 equipment from a workbook with a progress bar, a second time without any change, then undoes the first',
    async () => {
      // Their 2,000 sites through the API (the screen is the same for every kind).
      const { token } = await login(server.url, ADMIN);
      const sites = await fetch(`${server.url}/api/imports?kind=sites&fileName=sites.csv`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: sitesCsv(CUSTOMERS),
      });
      const uploaded = (await sites.json()) as { batch: { id: string }; proposedMapping: Record<string, string | null> };
      const done = await fetch(`${server.url}/api/imports/${uploaded.batch.id}/import?wait=true`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ mapping: uploaded.proposedMapping }),
      });
      expect(((await done.json()) as { created: number }).created).toBe(CUSTOMERS);

      const workbook = Buffer.from(await equipmentWorkbook(EQUIPMENT, CUSTOMERS));
      await pick('Équipements', 'parc.xlsx', XLSX, workbook);
      await expect.poll(() => page.getByText(/10\s000 lignes/).count()).toBeGreaterThan(0);
      // Columns the fields do not know are the equipment's as-sold configuration.
      expect(await page.getByLabel('Champ — Fluide').inputValue()).toBe('asSold');
      await runAndWait('Simuler l’import', /Simulation/);
      expect(await total('created')).toBe('10000');

      await page.locator('.import-actions').getByRole('button', { name: 'Importer', exact: true }).click();
      // The progress bar while the server goes through the lines (it may finish between two polls on a fast machine).
      const progress = page.getByRole('progressbar');
      const verdict = page.locator('.import-verdict', { hasText: /Import terminé/ });
      await Promise.race([progress.waitFor({ timeout: LONG }), verdict.waitFor({ timeout: LONG })]);
      if (await progress.isVisible()) await page.screenshot({ path: screenshotPath('import-progress.png') });
      await verdict.waitFor({ timeout: LONG });
      expect(await total('created')).toBe('10000');
      await page.screenshot({ path: screenshotPath('import.png') });

      // The same workbook again: nothing to create or update.
      await pick('Équipements', 'parc.xlsx', XLSX, workbook);
      await runAndWait('Simuler l’import', /Simulation/);
      expect([await total('created'), await total('updated'), await total('unchanged')]).toEqual(['0', '0', '10000']);
      await runAndWait('Importer', /Import terminé/);
      expect([await total('created'), await total('updated')]).toEqual(['0', '0']);

      // Undo the first import from the history: its 10,000 equipment are gone.
      const history = page.getByRole('table', { name: 'Imports récents' });
      const first = history.locator('tbody tr', { hasText: 'parc.xlsx' }).filter({ hasText: /10\s000/ });
      await first.getByRole('button', { name: /Annuler cet import/ }).click();
      await expect.poll(() => first.textContent(), { timeout: LONG }).toContain('Annulé');
      const left = await fetch(`${server.url}/api/equipment?q=&limit=1&serialNumber=SN1000000`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await left.json()) as { total: number }).total).toBe(0);

      for (const [name, width, height] of [
        ['import-tablet.png', 1024, 768],
        ['import-phone.png', 390, 844],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: screenshotPath(name), fullPage: true });
      }
      await page.setViewportSize({ width: 1600, height: 1000 });
    },
    LONG * 3,
  );
});
