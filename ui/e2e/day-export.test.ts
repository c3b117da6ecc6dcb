// Headless Chromium against the real server (embedded database, demo company),
// as the agency's dispatcher:
// - « Exporter la journée » on the board's top bar downloads the day shown as
//   an Excel workbook and as a CSV file (issue 13): the import's French
//   columns, one row per visit of the timeline, each technician's visits in
//   tour order — the same count per technician as their timeline row.
// - « Créer la visite » (issue 12): a maintenance contract's service plan on a
//   site of the agency shows in « Nouvelle intervention » once the site is
//   chosen; one click creates the due visit with the plan's duration, skills
//   and due date, and it waits in « À planifier ».
// Screenshots at desktop, tablet (1024 px) and phone (390 px) sizes.
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
  'Référence',
  'Agence',
  'Date',
  'Technicien',
  'Référence technicien',
  'Ordre',
  'Début prévu',
  'Fin prévue',
  'Statut',
  'Type',
  'Référence client',
  'Client',
  'Référence site',
  'Adresse',
  'Code postal',
  'Ville',
  'Référence équipement',
  'Référence contrat',
  'Description',
  'Compétences',
  'Durée (min)',
  'Priorité',
  'Créneaux',
  'Pas avant le',
  'À faire avant le',
  'Limite SLA',
];

interface Hit {
  id: string;
  name: string;
  sites: { id: string; city: string; sectorId: string | null }[];
}

describeWithChromium('the board’s day export and « Créer la visite » in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  let agencyId: string;

  beforeAll(async () => {
    buildUi();
    server = await startServer({ SIMULATE: '0' });
    browser = await launchBrowser(DESKTOP);
    const session = await login(server.url, DISPATCHER);
    token = session.token;
    agencyId = session.user.agencyIds[0]!;
    page = await browser.context.newPage();
    await page.goto(server.demoDay ? `${server.url}/?date=${server.demoDay}` : server.url);
    await page.getByLabel('Adresse e-mail').fill(DISPATCHER);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForSelector('.timeline-visit', { timeout: 120_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const exportButton = () => page.getByRole('button', { name: 'Exporter la journée' });
  const openExport = async () => {
    if ((await exportButton().getAttribute('aria-expanded')) !== 'true') await exportButton().click();
  };

  it('downloads the day shown as XLSX and CSV, one row per visit of the timeline, in tour order', async () => {
    const day = await page.getByLabel(/^Jour : /).inputValue();
    // What the timeline shows: each technician's visit count.
    const lanes = await page
      .locator('.timeline-row')
      .evaluateAll((rows) =>
        rows.map((r) => ({ name: r.querySelector('.timeline-name-text')?.textContent?.trim() ?? '', visits: r.querySelectorAll('.timeline-visit').length })),
      );
    const shown = Object.fromEntries(lanes.filter((l) => l.visits > 0).map((l) => [l.name, l.visits]));
    expect(Object.keys(shown).length).toBeGreaterThan(0);

    await openExport();
    // The menu names the day it exports, in French.
    await expect
      .poll(() => page.locator('.day-export-title').textContent())
      .toMatch(/^Exporter la journée du (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} [a-zéû]+$/);
    await page.screenshot({ path: screenshotPath('day-export-menu.png') });
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Classeur Excel (.xlsx)' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(new RegExp(`^journee-[A-Za-z0-9_-]+-${day}\\.xlsx$`));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(HEADER);
    const col = (name: string) => HEADER.indexOf(name);
    const body = rows.slice(1);
    // Per technician, as many rows as visits on their timeline row, ordered 1, 2, 3… with times that follow.
    const byTechnician = new Map<string, unknown[][]>();
    for (const r of body)
      if (r[col('Technicien')]) byTechnician.set(String(r[col('Technicien')]), [...(byTechnician.get(String(r[col('Technicien')])) ?? []), r]);
    expect(Object.fromEntries([...byTechnician].map(([name, list]) => [name, list.length]))).toEqual(shown);
    for (const list of byTechnician.values()) {
      expect(list.map((r) => r[col('Ordre')])).toEqual(list.map((_, i) => i + 1));
      const starts = list.map((r) => String(r[col('Début prévu')]));
      expect(starts.every((s) => /^\d\d:\d\d$/.test(s))).toBe(true);
      expect([...starts].sort()).toEqual(starts);
    }
    for (const r of body) {
      expect((r[col('Date')] as Date).toISOString().slice(0, 10)).toBe(day);
      expect(r[col('Statut')]).toMatch(/^(Demandée|Planifiée|Affectée|Envoyée|En route|Sur place|Terminée|Clôturée)$/);
      expect(typeof r[col('Durée (min)')]).toBe('number');
      expect(r[col('Adresse')]).toBeTruthy();
    }
    // The menu closes once the file is downloaded.
    await expect.poll(() => exportButton().getAttribute('aria-expanded')).toBe('false');

    await openExport();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Fichier CSV (.csv)' }).click()]);
    expect(csv.suggestedFilename()).toMatch(new RegExp(`-${day}\\.csv$`));
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.startsWith('\uFEFF' + HEADER.join(';') + '\r\n')).toBe(true);
    expect(text.trimEnd().split('\r\n')).toHaveLength(rows.length);
  });

  it('shows the export on a tablet and a phone without widening the page', async () => {
    for (const [size, file] of [
      [TABLET, 'day-export-tablet.png'],
      [PHONE, 'day-export-phone.png'],
    ] as const) {
      await page.setViewportSize(size);
      await openExport();
      await expect.poll(() => page.getByRole('button', { name: 'Classeur Excel (.xlsx)' }).isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: screenshotPath(file) });
      // Escape closes it and gives the focus back to the button.
      await page.keyboard.press('Escape');
      await expect.poll(() => exportButton().getAttribute('aria-expanded')).toBe('false');
      await expect.poll(() => exportButton().evaluate((b) => b === document.activeElement)).toBe(true);
    }
    await page.setViewportSize(DESKTOP);
  });

  it('creates the due visit of a service plan from « Nouvelle intervention »', async () => {
    // A maintenance contract on a site of the agency, due in three weeks: what an office would have signed.
    const found = await call<{ customers: Hit[] }>(server.url, token, 'GET', `/api/work/search?q=bertrand&agencyId=${agencyId}`);
    const customer = found.customers.find((c) => c.sites.length === 1 && c.sites[0]!.sectorId) ?? found.customers.find((c) => c.sites.some((s) => s.sectorId))!;
    const site = customer.sites.find((s) => s.sectorId)!;
    const skills = await call<{ items: { code: string }[] }>(server.url, token, 'GET', '/api/skills');
    const today = new Date().toISOString().slice(0, 10);
    const dueOn = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    const contract = await call<{ id: string }>(server.url, token, 'POST', '/api/contracts', {
      customerId: customer.id,
      reference: `E2E-${Date.now() % 1_000_000}`,
      name: 'Contrat entretien PAC',
      startsOn: today,
    });
    const planName = `Entretien annuel PAC ${Date.now() % 10_000}`;
    const plan = await call<{ id: string }>(server.url, token, 'POST', '/api/service-plans', {
      contractId: contract.id,
      siteId: site.id,
      name: planName,
      trigger: 'fixed_dates',
      fixedDates: [dueOn],
      interventionKind: 'preventive',
      requiredSkills: [{ skill: skills.items[0]!.code, minLevel: 2 }],
      estimatedDurationMinutes: 75,
      leadDays: 14,
    });

    const dialog = page.getByRole('dialog', { name: 'Nouvelle intervention' });
    await page.getByRole('button', { name: 'Nouvelle intervention' }).click();
    await dialog.getByRole('combobox', { name: 'Client, site ou équipement' }).fill(customer.name);
    const option = dialog.getByRole('option', { name: new RegExp(`^${escape(customer.name)}`) }).first();
    await expect.poll(() => option.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await option.click();
    if (customer.sites.length > 1) await dialog.locator('.work-site-choice', { hasText: site.city }).first().locator('input').check();
    const create = dialog.getByRole('button', { name: `Créer la visite : ${planName}` });
    await expect.poll(() => create.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => dialog.locator('.work-plans').textContent()).toContain('75 min');
    for (const [size, file] of [
      [DESKTOP, 'plan-visit-desktop.png'],
      [TABLET, 'plan-visit-tablet.png'],
      [PHONE, 'plan-visit-phone.png'],
    ] as const) {
      await page.setViewportSize(size);
      await create.scrollIntoViewIfNeeded();
      // Nothing past the screen's edge (a long equipment name in its select once widened the dialog).
      const wide = await dialog.evaluate((el) =>
        [el, ...el.querySelectorAll('*')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .map((e) => `${e.tagName}.${e.className}`)
          .slice(0, 5),
      );
      expect(wide).toEqual([]);
      await page.screenshot({ path: screenshotPath(file) });
    }
    await page.setViewportSize(DESKTOP);

    await create.click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    await expect
      .poll(() => page.getByRole('status').or(page.locator('.notice')).filter({ hasText: customer.name }).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);

    // Stored from the plan: a second try names the visit it created.
    const again = await fetch(`${server.url}/api/service-plans/${plan.id}/visit`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(again.status).toBe(409);
    const { interventionId } = (await again.json()) as { interventionId: string };
    const visit = await call<Record<string, unknown>>(server.url, token, 'GET', `/api/interventions/${interventionId}`);
    expect(visit).toMatchObject({
      servicePlanId: plan.id,
      contractId: contract.id,
      siteId: site.id,
      agencyId,
      status: 'requested',
      kind: 'preventive',
      estimatedDurationMinutes: 75,
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
