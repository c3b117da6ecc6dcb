// The back office's screens in headless Chromium against the real server
// (embedded database, demo company seeded at start-up): the demo dispatcher
// logs in, opens each screen from the top bar's sections and works in it.
// One `it` per screen; they share the logged-in page.
//
// Stock: levels of the agency's central depot and vans; one part moved from
// the central depot to a van, both levels following; the shortage list with a
// suggested supplier order, created from the screen; the rest of a supplier
// order delivered in part, received. Afterwards on hand still
// equals the sum of the movements (GET /api/stock/drift, as admin).
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const DISPATCHER = 'dispatcher@demo.tournee.fr';
const ADMIN = 'admin@demo.tournee.fr';

describeWithChromium('back office in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    buildUi();
    server = await startServer({ SIMULATE: '0' });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Adresse e-mail').fill(DISPATCHER);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('navigation', { name: 'Rubriques' }).waitFor({ timeout: 60_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('stock: levels per depot, a transfer depot → van, shortages with their suggested order', async () => {
    await page.getByRole('navigation', { name: 'Rubriques' }).getByRole('link', { name: 'Stock' }).click();
    await page.getByRole('heading', { name: 'Stock', level: 1 }).waitFor();
    const levels = page.getByRole('table', { name: /^Niveaux de stock — \d+ lignes$/ });
    await levels.waitFor({ timeout: 60_000 });
    // Central depot and vans, some rows under their minimum.
    await expect.poll(() => levels.locator('tbody tr').count()).toBeGreaterThan(20);
    expect(await levels.locator('tbody tr', { hasText: 'Dépôt central' }).count()).toBeGreaterThan(10);
    expect(await levels.locator('tbody tr', { hasText: 'Fourgon' }).count()).toBeGreaterThan(10);
    expect(await levels.locator('tbody tr.below-min').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('stock-levels.png') });

    // One part every van carries, plenty of it in the central depot.
    await page.getByRole('searchbox', { name: 'Rechercher une pièce' }).fill('CONS-RACC-KIT');
    await expect.poll(() => levels.locator('tbody tr').count()).toBeGreaterThan(2);
    const central = levels.locator('tbody tr', { hasText: 'Dépôt central' });
    const centralBefore = await onHand(central);
    await central.click();
    const form = page.getByRole('form', { name: 'Transfert dépôt → fourgon' });
    expect(await form.getByLabel('Pièce').inputValue()).not.toBe('');
    const vanOption = form.getByLabel('Vers').locator('optgroup[label="Fourgons"] option').first();
    const vanName = (await vanOption.textContent())!.trim();
    await form.getByLabel('Vers').selectOption({ label: vanName });
    const van = levels.locator('tbody tr', { hasText: vanName });
    const vanBefore = (await van.count()) ? await onHand(van) : 0;
    await form.getByLabel('Quantité').fill('2');
    await form.getByLabel('Motif (facultatif)').fill('Test de bout en bout');
    await form.getByRole('button', { name: 'Transférer' }).click();
    await form.getByText(`transféré vers ${vanName}`).waitFor();
    await expect.poll(() => onHand(central)).toBe(centralBefore - 2);
    await expect.poll(() => onHand(van)).toBe(vanBefore + 2);
    // The central depot's movements show the transfer on top.
    const movements = page.getByRole('region', { name: /^Mouvements de CONS-RACC-KIT — Dépôt central/ });
    // (The demo's own transfers read "Transfert sortant" too: wait for this one's reason, once the list is read again.)
    await expect.poll(() => movements.locator('tbody tr').first().textContent()).toContain('Test de bout en bout');
    expect(await movements.locator('tbody tr').first().textContent()).toContain('Transfert sortant');

    // Shortages: parts short in the central depot, with a supplier order to place.
    await page.getByRole('tab', { name: 'Prévisions et ruptures' }).click();
    const shortages = page.getByRole('table', { name: /ruptures? prévues?$/ });
    await expect.poll(() => shortages.locator('tbody tr', { hasText: 'PAC-DETEND-EEV' }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const proposal = page.locator('form.stock-proposal', { hasText: 'PAC-DETEND-EEV' }).first();
    await proposal.waitFor();
    expect(await proposal.getAttribute('aria-label')).toMatch(/→ Dépôt central/);
    const suggested = Number(await proposal.getByLabel('Quantité à commander de PAC-DETEND-EEV').inputValue());
    expect(suggested).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('stock-shortages.png') });
    const reference = await proposal.getByLabel('Référence de commande').inputValue();
    await proposal.getByRole('button', { name: 'Créer la commande fournisseur' }).click();
    await page.getByText(`Commande ${reference} créée.`).waitFor();

    // The order is there, placed, to receive.
    await page.getByRole('tab', { name: 'Commandes fournisseurs' }).click();
    const orders = page.getByRole('table', { name: /commandes? fournisseurs?$/ });
    await orders.locator('tbody tr', { hasText: reference }).waitFor();
    // The pool order delivered in part: receive the rest.
    const partial = orders.locator('tbody tr', { hasText: 'Reçue en partie' }).first();
    const partialRef = (await partial.locator('code').textContent())!.trim();
    await partial.click();
    const receipt = page.getByRole('form', { name: `Commande ${partialRef}` });
    await receipt.getByRole('button', { name: 'Enregistrer la réception' }).click();
    await page.getByText(`Réception de ${partialRef} enregistrée.`).waitFor();
    await page.getByRole('checkbox', { name: 'En cours uniquement' }).uncheck();
    // "Reçue en partie" contains "Reçue" too: wait for the row the refreshed list draws, received in full.
    await expect.poll(() => orders.locator('tbody tr', { hasText: partialRef }).textContent()).toMatch(/Reçue(?! en partie)/);
    expect(await orders.locator('tbody tr', { hasText: partialRef }).textContent()).not.toContain('en partie');

    // The invariant behind it all: on hand is the sum of the movements.
    const admin = await login(server.url, ADMIN);
    expect(await call<{ drift: unknown[] }>(server.url, admin.token, 'GET', '/api/stock/drift')).toEqual({ drift: [] });
  }, 180_000);
});

/** The "on hand" cell of a levels row (the first numeric column). */
async function onHand(row: Locator): Promise<number> {
  const text = await row.locator('td.num').first().textContent();
  return Number((text ?? '').replace(/[^\d−-]/g, '').replace('−', '-'));
}
