// Headless Chromium against the real server (embedded database, demo
// company), as the agency's dispatcher: « Exporter » on the Facturation
// screen (issue 13) downloads the invoices the list shows — filtered on
// « Facture » — as an Excel workbook and a CSV file: French columns, the
// list's rows in its order (the numbers the table shows first), amounts as
// euro numbers in the workbook. The menu opens and closes by keyboard and
// stays on screen at tablet (1024 px) and phone (390 px) sizes.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
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
const HEADER = [
  'Numéro',
  'Type',
  'Statut',
  'Agence',
  'Client',
  'Référence client',
  'Date d’émission',
  'Échéance',
  'Montant HT',
  'TVA',
  'Montant TTC',
  'Avoirs',
  'Payé',
  'Reste dû',
  'Règlement',
  'Facture d’origine',
];

interface Doc {
  number: string | null;
  totalCents: number;
  kind: string;
}

describeWithChromium('« Exporter » on the back office’s lists in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    buildUi();
    server = await startServer({ SIMULATE: '0' });
    browser = await launchBrowser(DESKTOP);
    token = (await login(server.url, DISPATCHER)).token;
    page = await browser.context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Adresse e-mail').fill(DISPATCHER);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForFunction(
      () => !!(window as unknown as { __tournee?: { store: { get(): { agencyId: string | null } } } }).__tournee?.store.get().agencyId,
      undefined,
      { timeout: 120_000 },
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const toggle = () => page.getByRole('button', { name: 'Exporter', exact: true });
  const documents = () => page.getByRole('group', { name: 'Exporter les documents' });

  it('downloads the invoices the Facturation list shows, as XLSX and CSV', async () => {
    // The demo's agency bills nothing yet: three invoices issued through the REST API as the office would, one partly paid.
    const agencyId = await page.evaluate(() => (window as unknown as { __tournee: { store: { get(): { agencyId: string } } } }).__tournee.store.get().agencyId);
    const customers = await call<{ items: { id: string }[] }>(server.url, token, 'GET', '/api/customers?limit=3');
    for (const [i, customer] of customers.items.entries()) {
      const draft = await call<{ id: string }>(server.url, token, 'POST', '/api/billing-documents', {
        kind: 'invoice',
        agencyId,
        customerId: customer.id,
        lines: [{ kind: 'labour', description: 'Main-d’œuvre', quantity: 1.5 + i, unitPriceCents: 6_500, vatRateBp: 2000 }],
      });
      await call(server.url, token, 'POST', `/api/billing-documents/${draft.id}/issue`);
      if (i === 0)
        await call(server.url, token, 'POST', `/api/billing-documents/${draft.id}/payments`, {
          amountCents: 5_000,
          receivedOn: new Date().toISOString().slice(0, 10),
          method: 'card',
        });
    }

    await page.getByRole('link', { name: 'Facturation', exact: true }).click();
    await page.getByRole('combobox', { name: 'Type', exact: true }).selectOption('invoice');
    const table = page.getByRole('table', { name: 'Devis, factures et avoirs' });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await table.locator('tbody tr td:nth-child(2)').allTextContents()).every((k) => k.trim() === 'Facture')).toBe(true);
    // A draft has no number yet (the table says « (brouillon) », the file leaves the cell empty).
    const shown = (await table.locator('tbody tr td:first-child').allTextContents()).map((s) => (s.trim() === '(brouillon)' ? undefined : s.trim()));

    // What the server lists for the agency the top bar shows.
    const listed = await call<{ items: Doc[]; total: number }>(server.url, token, 'GET', `/api/billing-documents?agencyId=${agencyId}&kind=invoice&limit=100`);
    expect(listed.total).toBeGreaterThanOrEqual(3);

    // Keyboard: the button opens the menu, Tab reaches its choices.
    await toggle().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle().getAttribute('aria-expanded')).toBe('true');
    await page.getByText('Avec les filtres affichés').waitFor();
    await page.screenshot({ path: screenshotPath('list-export-billing.png') });
    const [xlsx] = await Promise.all([page.waitForEvent('download'), documents().getByRole('button', { name: 'Classeur Excel (.xlsx)' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^factures-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(HEADER);
    const body = rows.slice(1);
    // Every invoice of the list, in its order: the numbers the table shows come first.
    expect(body).toHaveLength(listed.total);
    expect(body.slice(0, shown.length).map((r) => r[0])).toEqual(shown);
    expect(body.slice(0, listed.items.length).map((r) => r[0])).toEqual(listed.items.map((d) => d.number ?? undefined));
    expect(body.slice(0, listed.items.length).map((r) => r[10])).toEqual(listed.items.map((d) => d.totalCents / 100));
    for (const r of body) {
      expect(r[1]).toBe('Facture');
      expect(typeof r[10]).toBe('number');
      if (r[0]) expect(r[6]).toBeInstanceOf(Date);
    }
    expect(sheet.getRow(2).getCell(11).numFmt).toContain('€');
    // The invoice paid in part: what remains due, and its payment status in words.
    const partly = body.find((r) => r[14] === 'Partiellement payée')!;
    expect(partly[12]).toBe(50);
    expect(partly[13]).toBeCloseTo((partly[10] as number) - 50, 2);
    // The menu closes once the file is downloaded.
    await expect.poll(() => toggle().getAttribute('aria-expanded')).toBe('false');

    await toggle().click();
    const [csv] = await Promise.all([page.waitForEvent('download'), documents().getByRole('button', { name: 'Fichier CSV (.csv)' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^factures-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync((await csv.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('\uFEFF' + HEADER.join(';'));
    expect(lines).toHaveLength(listed.total + 1);
    const first = listed.items[0]!;
    expect(lines[1]!.split(';').slice(0, 2)).toEqual([first.number ?? '', 'Facture']);
    expect(lines[1]!.split(';')[10]).toBe((first.totalCents / 100).toFixed(2).replace('.', ','));
  });

  it('keeps the menu on screen at tablet and phone sizes, and closes it with Escape', async () => {
    for (const [size, file] of [
      [TABLET, 'list-export-billing-tablet.png'],
      [PHONE, 'list-export-billing-phone.png'],
    ] as const) {
      await page.setViewportSize(size);
      if ((await toggle().getAttribute('aria-expanded')) !== 'true') await toggle().click();
      const xlsx = documents().getByRole('button', { name: 'Classeur Excel (.xlsx)' });
      await expect.poll(() => xlsx.isVisible()).toBe(true);
      const menu = await page.locator('.list-export-menu').boundingBox();
      expect(menu!.x).toBeGreaterThanOrEqual(0);
      expect(menu!.x + menu!.width).toBeLessThanOrEqual(size.width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: screenshotPath(file) });
      await page.keyboard.press('Escape');
      await expect.poll(() => toggle().getAttribute('aria-expanded')).toBe('false');
      await expect.poll(() => toggle().evaluate((b) => b === document.activeElement)).toBe(true);
    }
    await page.setViewportSize(DESKTOP);
  });

  it('offers « Exporter » on the claims, stock and overdue screens, on screen at 390 px', async () => {
    const screens: [string, string | null, string, string][] = [
      ['Garanties', null, 'Exporter les demandes de garantie', 'list-export-claims'],
      ['Stock', 'Prévisions et ruptures', 'Exporter les ruptures', 'list-export-shortages'],
      ['Stock', 'Commandes fournisseurs', 'Exporter les commandes fournisseurs', 'list-export-orders'],
      ['En retard', null, 'Exporter les visites en retard', 'list-export-overdue'],
    ];
    for (const size of [DESKTOP, PHONE]) {
      await page.setViewportSize(size);
      for (const [link, tab, group, file] of screens) {
        await page.getByRole('link', { name: link, exact: true }).click();
        if (tab) await page.getByRole('tab', { name: tab }).click();
        // This screen's own button (its title names its list): under load the previous screen's may still be there.
        await page.locator(`.list-export-toggle[title="${group}"]`).click();
        const choices = page.getByRole('group', { name: group });
        await expect.poll(() => choices.getByRole('button', { name: 'Fichier CSV (.csv)' }).isVisible(), { timeout: 30_000 }).toBe(true);
        const menu = await page.locator('.list-export-menu').boundingBox();
        expect(menu!.x).toBeGreaterThanOrEqual(0);
        expect(menu!.x + menu!.width).toBeLessThanOrEqual(size.width);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: screenshotPath(`${file}${size === PHONE ? '-phone' : ''}.png`) });
        // The file is the list's, named in French.
        const [csv] = await Promise.all([page.waitForEvent('download'), choices.getByRole('button', { name: 'Fichier CSV (.csv)' }).click()]);
        expect(csv.suggestedFilename()).toMatch(/^(demandes-de-garantie|ruptures|commandes-fournisseurs|visites-en-retard)-\d{4}-\d{2}-\d{2}\.csv$/);
        expect(readFileSync((await csv.path())!, 'utf8').startsWith('\uFEFF')).toBe(true);
      }
    }
    await page.setViewportSize(DESKTOP);
  });
});
