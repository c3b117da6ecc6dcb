// The accounting exports tab (issue 13) in headless Chromium against the real
// server (embedded database, demo company), as the admin: stock counted into
// a depot posts a stock entry this month (through the REST API, as the office
// would); the company's chart of accounts maps the stock account to its own;
// the month's journal downloads in EBP's layout with that account, then with
// columns chosen one by one; an account left unmapped is named on screen.
// Screenshots at desktop, tablet and phone sizes.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const ADMIN = 'admin@demo.tournee.fr';

describeWithChromium('accounting exports in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    buildUi();
    server = await startServer({ SIMULATE: '0' });
    browser = await launchBrowser();
    const { token } = await login(server.url, ADMIN);
    // Parts counted into a depot: a stock entry (D 37 / C 6037) dated today.
    const depots = await call<{ items: { id: string; kind: string }[] }>(server.url, token, 'GET', '/api/depots?limit=50');
    const parts = await call<{ items: { id: string }[] }>(server.url, token, 'GET', '/api/parts?limit=5');
    await call(server.url, token, 'POST', '/api/stock-movements/adjustments', {
      depotId: depots.items.find((d) => d.kind === 'central')!.id,
      reason: 'Inventaire de fin de mois',
      lines: [{ partId: parts.items[0]!.id, quantity: 3 }],
    });

    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(server.url);
    await page.getByLabel('Adresse e-mail').fill(ADMIN);
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

  it('maps the stock account, downloads the month in EBP’s layout and with chosen columns, at three sizes', async () => {
    await page.getByRole('link', { name: 'Facturation', exact: true }).click();
    await page.getByRole('tab', { name: 'Exports comptables' }).click();
    await page.getByRole('heading', { name: 'Plan comptable de l’entreprise' }).waitFor();

    await page.getByLabel('Votre compte — Stock de marchandises').fill('37100000');
    await page.getByLabel('Libellé — Stock de marchandises').fill('Stock pièces détachées');
    await page.getByRole('button', { name: 'Enregistrer le plan comptable' }).click();
    await page.getByText('Plan comptable enregistré.').waitFor();

    await page.getByRole('radio', { name: 'EBP Compta' }).check();
    const [ebp] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le journal' }).click()]);
    expect(ebp.suggestedFilename()).toMatch(/^journal-\d{4}-\d{2}-ebp\.csv$/);
    const ebpText = readFileSync((await ebp.path())!, 'latin1').split('\r\n');
    expect(ebpText[0]).toBe('Date;Journal;Compte;Pièce;Libellé;Débit;Crédit');
    expect(ebpText.some((l) => /^\d\d\/\d\d\/\d{4};ST;37100000;/.test(l))).toBe(true);
    await expect
      .poll(() => page.getByTestId('journal-message').textContent())
      .toMatch(/Journal téléchargé — lignes : \d+, écritures : \d+, débit = crédit = \d/);
    await page.screenshot({ path: screenshotPath('accounting-exports-desktop.png'), fullPage: true });

    await page.getByLabel('Colonnes personnalisées').check();
    await page.getByRole('checkbox', { name: 'Pièce', exact: true }).uncheck();
    await page.getByRole('checkbox', { name: 'Sens (D/C)' }).check();
    await page.getByLabel('Décimales').selectOption('point');
    const [custom] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le journal' }).click()]);
    const customText = readFileSync((await custom.path())!, 'latin1').split('\r\n');
    expect(customText[0]).toBe('Date;Journal;Compte;Libellé;Débit;Crédit;Sens');
    expect(customText[1]).toMatch(/^\d\d\/\d\d\/\d{4};ST;37100000;.*;\d+\.\d\d;;D$/);

    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: screenshotPath('accounting-exports-tablet.png'), fullPage: true });
  });

  it('names an unmapped account instead of downloading, and shows the chart on a phone', async () => {
    const { token } = await login(server.url, ADMIN);
    await call(server.url, token, 'PUT', '/api/accounting/mapping', { customerAuxPrefix: '', mapping: { stock_variation: null } });
    await page.getByLabel('Colonnes personnalisées').uncheck();
    await page.getByRole('button', { name: 'Télécharger le journal' }).click();
    await expect.poll(() => page.getByTestId('journal-message').textContent()).toContain('aucun compte pour Variation des stocks');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByRole('tab', { name: 'Exports comptables' }).click();
    await page.getByRole('heading', { name: 'Plan comptable de l’entreprise' }).waitFor();
    await expect.poll(() => page.locator('tr[data-key="stock_variation"] .chip').textContent()).toBe('À renseigner');
    await page.screenshot({ path: screenshotPath('accounting-exports-phone.png'), fullPage: true });
  });
});
