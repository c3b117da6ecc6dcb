// The back office's Quotes & invoices and Warranty claims screens in headless
// Chromium against the real server (embedded database, demo company): draft an
// invoice from a finished visit, issue it and see its gapless number, record a
// payment and see what remains due; then the amounts still to recover from
// suppliers. What the demo lacks (a finished visit, a claim) is made through
// the REST API first, as the office would. (The Stock screen's steps live in
// back-office.test.ts.)
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { fr } from '../src/i18n/fr.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const DISPATCHER = 'dispatcher@demo.tournee.fr';

interface Visit {
  id: string;
  status: string;
  version: number;
  technicianId: string | null;
  allowedTransitions?: string[];
}
interface PageOf<T> {
  items: T[];
  total: number;
}
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
const euros = (cents: number) => plain(new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100));

describeWithChromium('back office documents in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  let agencyId: string;
  let visitId: string;

  beforeAll(async () => {
    buildUi();
    server = await startServer({ SIMULATE: '0' });
    browser = await launchBrowser();
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
    agencyId = await page.evaluate(() => (window as unknown as { __tournee: { store: { get(): { agencyId: string } } } }).__tournee.store.get().agencyId);
    visitId = await finishedVisit(server.url, token, agencyId);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('drafts an invoice from a done visit, issues it with its number, records a payment and shows what remains due', async () => {
    await page.getByRole('link', { name: 'Facturation', exact: true }).click();
    await page.getByRole('heading', { name: 'Devis et factures' }).waitFor();
    await page.getByRole('button', { name: 'Nouveau depuis une intervention' }).click();
    const visit = page.getByLabel('Intervention terminée');
    await expect.poll(() => visit.locator(`option[value="${visitId}"]`).count(), { timeout: 30_000 }).toBe(1);
    await visit.selectOption(visitId);
    await page.getByRole('button', { name: 'Créer le brouillon' }).click();

    await page.getByRole('heading', { name: 'Facture (brouillon)' }).waitFor();
    const lines = page.getByRole('table', { name: 'Lignes' });
    await expect.poll(() => lines.textContent()).toContain('Déplacement');

    // A diagnosis fee on top (the visit's own lines may be covered in full by a warranty or contract).
    await page.getByRole('button', { name: 'Modifier les lignes' }).click();
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await page
      .getByLabel(/^Désignation de la ligne \d+$/)
      .last()
      .fill('Diagnostic');
    await page
      .getByLabel(/^Prix unitaire de la ligne \d+$/)
      .last()
      .fill('80,00');
    await page.getByRole('button', { name: 'Enregistrer les lignes' }).click();
    await page.getByText('Lignes enregistrées.').waitFor();
    await expect.poll(() => lines.textContent()).toContain('Diagnostic');

    await page.getByRole('button', { name: 'Émettre' }).click();
    const issued = page.getByText(/Émis : numéro attribué F\d{4}-/);
    await issued.waitFor();
    const number = /F\d{4}-\S+?(?=\.$)/.exec(plain(await issued.textContent()))![0];
    await page.getByRole('heading', { name: `Facture ${number}` }).waitFor();
    expect(await page.getByRole('button', { name: 'Modifier les lignes' }).count()).toBe(0);

    const doc = (
      await call<PageOf<{ id: string; number: string | null; totalCents: number }>>(
        server.url,
        token,
        'GET',
        `/api/billing-documents?agencyId=${agencyId}&kind=invoice&status=issued&limit=200`,
      )
    ).items.find((d) => d.number === number)!;
    expect(doc).toBeTruthy();
    expect(plain(await page.getByTestId('amount-due').textContent())).toBe(euros(doc.totalCents));

    await page.getByRole('button', { name: 'Enregistrer un paiement' }).click();
    await page.getByLabel('Montant (€)').fill('10,00');
    await page.getByRole('button', { name: 'Enregistrer le paiement' }).click();
    const remaining = euros(doc.totalCents - 1000);
    const paid = page.getByText(/Paiement enregistré/);
    await paid.waitFor();
    expect(plain(await paid.textContent())).toBe(`Paiement enregistré. Reste dû : ${remaining}.`);
    await expect.poll(async () => plain(await page.getByTestId('amount-due').textContent())).toBe(remaining);
    // The list says the same.
    const row = page.getByRole('table', { name: 'Devis, factures et avoirs' }).getByRole('row').filter({ hasText: number });
    await expect.poll(async () => plain(await row.textContent())).toContain(remaining);
    await page.screenshot({ path: screenshotPath('billing-invoice.png'), fullPage: true });

    // The month's books: the invoice and the payment posted, debit = credit.
    await page.getByRole('tab', { name: 'Comptabilité' }).click();
    const journal = page.getByRole('table', { name: 'Écritures du mois' });
    await expect.poll(async () => plain(await journal.textContent()), { timeout: 15_000 }).toContain(number);
    expect(await journal.getByText('Équilibré', { exact: true }).count()).toBe(1);
    expect(plain(await page.getByTestId('journal-debit').textContent())).toBe(plain(await page.getByTestId('journal-credit').textContent()));
    await page.screenshot({ path: screenshotPath('billing-journal.png'), fullPage: true });
  });

  it('shows the amounts still to recover from suppliers with their total', async () => {
    // A claim submitted to a supplier: 123,45 € expected, not credited yet.
    const suppliers = await call<PageOf<{ id: string }>>(server.url, token, 'GET', '/api/suppliers?limit=1');
    const supplierId =
      suppliers.items[0]?.id ?? (await call<{ id: string }>(server.url, token, 'POST', '/api/suppliers', { code: 'E2E-SUP', name: 'Fournisseur e2e' })).id;
    const claim = await call<{ id: string }>(server.url, token, 'POST', '/api/warranty-claims', {
      agencyId,
      supplierId,
      kind: 'repair',
      expectedCreditCents: 12345,
    });
    await call(server.url, token, 'POST', `/api/warranty-claims/${claim.id}/transitions`, { to: 'submitted' });
    const report = await call<{ totalCents: number }>(server.url, token, 'GET', `/api/warranty-claims/recoverable?agencyId=${agencyId}`);
    expect(report.totalCents).toBeGreaterThanOrEqual(12345);

    await page.getByRole('link', { name: 'Garanties', exact: true }).click();
    await page.getByRole('heading', { name: 'Garanties fournisseurs' }).waitFor();
    await page.getByRole('tab', { name: 'À recouvrer' }).click();
    const total = page.getByTestId('recoverable-total');
    await total.waitFor();
    expect(plain(await total.textContent())).toBe(euros(report.totalCents));
    await page.screenshot({ path: screenshotPath('warranties-recoverable.png'), fullPage: true });

    // The claim is in the list, with its moves.
    await page.getByRole('tab', { name: 'Demandes' }).click();
    const claims = page.getByRole('table', { name: 'Demandes de garantie' });
    await expect.poll(async () => plain(await claims.textContent()), { timeout: 15_000 }).toContain('123,45 €');
    await claims.getByRole('row').filter({ hasText: '123,45 €' }).first().getByRole('button').click();
    await page.getByRole('heading', { name: /^Demande GAR-/ }).waitFor();
    await page.getByRole('group', { name: 'Actions sur la demande' }).getByRole('button', { name: 'Enregistrer l’avoir reçu' }).click();
    await page.screenshot({ path: screenshotPath('warranties-claim.png'), fullPage: true });
  });

  it('finds an equipment by serial number and shows its warranty verdict with the rule that decided it', async () => {
    const equipment = (await call<PageOf<{ id: string; serialNumber: string | null }>>(server.url, token, 'GET', '/api/equipment?limit=50')).items.find(
      (e) => e.serialNumber,
    );
    expect(equipment).toBeTruthy();
    const verdict = await call<{ rule: string; ruleCode: keyof typeof fr.warranties.rule }>(
      server.url,
      token,
      'GET',
      `/api/equipment/${equipment!.id}/warranty-status`,
    );

    await page.getByRole('tab', { name: 'Statut d’un équipement' }).click();
    await page.getByRole('searchbox').fill(equipment!.serialNumber!);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page
      .getByRole('button', { name: new RegExp(`${equipment!.serialNumber!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
      .first()
      .click();
    await page.getByText('Règle appliquée').waitFor();
    // The rule in French (its code's words), not the server's English sentence.
    await expect.poll(async () => plain(await page.getByRole('article').textContent())).toContain(fr.warranties.rule[verdict.ruleCode]);
    expect(plain(await page.getByRole('article').textContent())).not.toContain(verdict.rule);
    await page.screenshot({ path: screenshotPath('warranties-equipment.png'), fullPage: true });
  });
});

/**
 * A done visit of the agency: one already, or an open one moved along its
 * lifecycle by the dispatcher (given a technician first when it has none).
 * The start-up planning run may change a visit meanwhile: a refused move is
 * retried on the visit as it is now.
 */
async function finishedVisit(url: string, token: string, agencyId: string): Promise<string> {
  const list = (status: string) =>
    call<PageOf<Visit>>(url, token, 'GET', `/api/interventions?agencyId=${agencyId}&status=${status}&limit=200`).then((p) => p.items);
  const done = await list('done');
  if (done[0]) return done[0].id;
  const open = await list('requested,planned,assigned,dispatched,en_route,on_site');
  let visit = open.find((v) => v.technicianId) ?? open[0];
  if (!visit) throw new Error('no open visit in the demo agency');
  const get = (id: string) => call<Visit>(url, token, 'GET', `/api/interventions/${id}`);
  for (let attempt = 0; !visit.technicianId; attempt++) {
    const technicians = await call<PageOf<{ id: string }>>(url, token, 'GET', `/api/technicians?agencyId=${agencyId}&limit=1`);
    try {
      visit = await call<Visit>(url, token, 'PATCH', `/api/interventions/${visit.id}`, { technicianId: technicians.items[0]!.id, version: visit.version });
    } catch (error) {
      if (attempt > 3) throw error;
      visit = await get(visit.id);
    }
  }
  for (let step = 0; step < 12 && visit.status !== 'done'; step++) {
    const next: string | undefined = (visit.allowedTransitions ?? []).find((s) => s !== 'cancelled');
    if (!next) throw new Error(`cannot move ${visit.id} from ${visit.status}`);
    try {
      visit = await call<Visit>(url, token, 'POST', `/api/interventions/${visit.id}/transitions`, { to: next, version: visit.version });
    } catch {
      visit = await get(visit.id);
    }
  }
  if (visit.status !== 'done') throw new Error(`visit ${visit.id} stopped at ${visit.status}`);
  return visit.id;
}
