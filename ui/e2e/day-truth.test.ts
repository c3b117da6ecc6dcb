// The day as it is, and safe edits (issue 12), in headless Chromium against
// the real server (embedded database, demo company planned for tomorrow):
// - a technician given a training day through the API is drawn away all day
//   ("Formation toute la journée", no hours, no lunch), and a visit dragged onto
//   them is refused in the preview already, with the reason in French; the
//   refused drop says so once, however often it is tried;
// - moving a visit the technician has already received asks first; the move
//   is undone from the notice's "Annuler", and with Ctrl-Z;
// - in the technician's app, "Je pars" on tomorrow's visit asks first, and the
//   server refuses it (the visit is not today's) with a French explanation.
// Screenshots at 1600×1000, 1024×768 and 390×844 (support/screenshots.ts's folder).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays } from '@tournee/contracts/calendar';
import { zonedInstant } from '@tournee/contracts/zoned-time';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const DISPATCHER = 'dispatcher@demo.tournee.fr';
const TECHNICIAN = 'technicien1@demo.tournee.fr';

interface BoardView {
  technicians: { id: string }[];
  plan: {
    tours: Record<string, { technicianId: string; date: string; stops: { interventionId: string }[] }>;
    interventions: Record<string, { status: string; version: number }>;
  } | null;
}

describeWithChromium('the day as it is, and safe edits', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dispatcherToken: string;
  let day: string;
  /** The technician given a training day, and a visit of someone else's tour. */
  let away: string;
  let visit: { id: string; from: string };

  beforeAll(async () => {
    buildUi();
    server = await startServer({ SIMULATE: '0' });
    browser = await launchBrowser({ width: 1600, height: 1000 });
    dispatcherToken = (await login(server.url, DISPATCHER)).token;
    day = server.demoDay!;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws a technician on training all day as away, with the reason, and no working day', async () => {
    page = await browser.context.newPage();
    await page.goto(`${server.url}/?date=${day}`);
    await page.getByLabel('Adresse e-mail').fill(DISPATCHER);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForSelector('.timeline-visit', { timeout: 120_000 });
    // The hours come after the tours (read a few technicians at a time, stored at once).
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const s = (
              window as unknown as { __tournee: { store: { get(): { technicians: unknown[]; shifts: Record<string, unknown> } } } }
            ).__tournee.store.get();
            return s.technicians.length > 0 && Object.keys(s.shifts).length === s.technicians.length;
          }),
        { timeout: 30_000 },
      )
      .toBe(true);

    // The technician with the fewest visits among those who work that day (hours drawn) and have no absence yet goes on
    // training; a movable visit of another tour is the one dragged.
    const rows = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.timeline-row')].map((r) => ({
        id: r.dataset.technicianId!,
        works: r.querySelector('.timeline-shift') !== null,
        visits: r.querySelectorAll('.timeline-visit').length,
        movable: [...r.querySelectorAll<HTMLElement>('.timeline-visit:not(.is-locked)')].at(-1)?.dataset.interventionId ?? null,
      })),
    );
    const from = zonedInstant(day, 0, 'Europe/Paris').toISOString();
    const to = zonedInstant(addDays(day, 1), 0, 'Europe/Paris').toISOString();
    const candidates = rows.filter((r) => r.works).sort((a, b) => a.visits - b.visits);
    let chosen: string | null = null;
    for (const c of candidates) {
      const absences = await call<unknown[]>(server.url, dispatcherToken, 'GET', `/api/technicians/${c.id}/absences?from=${from}&to=${to}`);
      if (absences.length === 0) {
        chosen = c.id;
        break;
      }
    }
    const source = rows.find((r) => r.id !== chosen && r.movable);
    expect(chosen).not.toBeNull();
    expect(source).toBeDefined();
    away = chosen!;
    visit = { id: source!.movable!, from: source!.id };
    await call(server.url, dispatcherToken, 'POST', `/api/technicians/${away}/absences`, {
      kind: 'training',
      startsAt: from,
      endsAt: to,
      note: 'Habilitation fluides frigorigènes',
    });

    await page.reload();
    await page.waitForSelector('.timeline-visit', { timeout: 60_000 });
    const row = page.locator(`.timeline-row[data-technician-id="${away}"]`);
    await expect.poll(() => row.getByTestId('away-band').textContent(), { timeout: 20_000 }).toBe('Formation toute la journée');
    expect(await row.locator('.timeline-shift').count()).toBe(0);
    expect(await row.locator('.timeline-break').count()).toBe(0);
    expect(await row.locator('.timeline-name-meta').textContent()).toBe('Formation');
    await row.locator('.timeline-name').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('day-truth-absence.png') });
  });

  it('refuses a visit dragged onto the absent technician in the preview already, saying why, once', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      await holdVisit(visit.id);
      const track = (await page.locator(`.timeline-row[data-technician-id="${away}"] .timeline-track`).boundingBox())!;
      await page.mouse.move(track.x + track.width * 0.5, track.y + track.height / 2, { steps: 5 });
      const card = page.locator(`.drag-card[data-technician-id="${away}"]:not([data-pending])`);
      await card.waitFor({ timeout: 20_000 });
      expect(await card.getAttribute('class')).toContain('is-blocked');
      expect(await card.textContent()).toContain('Absent ce jour : Formation');
      expect(await card.textContent()).not.toContain(away);
      if (attempt === 0) await page.screenshot({ path: screenshotPath('day-truth-refused.png') });
      await page.mouse.up();
      await expect.poll(() => page.locator('.notices').textContent()).toContain('Ce technicien ne peut pas prendre cette visite.');
    }
    // Tried twice, said once; the visit stayed where it was.
    expect(await page.locator('.notice', { hasText: 'Ce technicien ne peut pas prendre cette visite.' }).count()).toBe(1);
    expect(await page.locator(`.timeline-row[data-technician-id="${visit.from}"] [data-intervention-id="${visit.id}"]`).count()).toBe(1);
  });

  it('asks before moving a visit the technician already received, and undoes the move from the notice and with Ctrl-Z', async () => {
    // The dispatcher sends the visit to its technician.
    const current = await call<{ status: string; version: number }>(server.url, dispatcherToken, 'GET', `/api/interventions/${visit.id}`);
    let version = current.version;
    for (const to of current.status === 'planned' ? ['assigned', 'dispatched'] : current.status === 'assigned' ? ['dispatched'] : []) {
      version = (await call<{ version: number }>(server.url, dispatcherToken, 'POST', `/api/interventions/${visit.id}/transitions`, { to, version })).version;
    }
    await page.reload();
    await page.waitForSelector('.timeline-visit', { timeout: 60_000 });
    await expect.poll(() => boardStatus(visit.id), { timeout: 20_000 }).toBe('dispatched');

    await holdVisit(visit.id);
    const target = await hoverFeasibleRow([visit.from, away]);
    expect(target, 'no technician row accepts the visit').not.toBeNull();
    await page.mouse.up();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor({ timeout: 20_000 });
    expect(await dialog.textContent()).toContain('Le technicien a déjà reçu cette visite');
    await page.screenshot({ path: screenshotPath('day-truth-confirm.png') });
    await dialog.getByRole('button', { name: 'Déplacer quand même' }).click();
    await expect.poll(() => rowOf(visit.id), { timeout: 30_000 }).toBe(target);

    const moved = page.locator('.notice', { hasText: 'déplacée' });
    await moved.getByRole('button', { name: 'Annuler' }).click();
    await expect.poll(() => rowOf(visit.id), { timeout: 30_000 }).toBe(visit.from);
    await expect.poll(() => page.locator('.notices').textContent()).toContain('annulé');

    // Again, undone with Ctrl-Z this time.
    await holdVisit(visit.id);
    const again = await hoverFeasibleRow([visit.from, away]);
    await page.mouse.up();
    await confirmIfAsked();
    await expect.poll(() => rowOf(visit.id), { timeout: 30_000 }).toBe(again);
    await page.keyboard.press('Control+z');
    await expect.poll(() => rowOf(visit.id), { timeout: 30_000 }).toBe(visit.from);
  });

  it('shows the away technician on a tablet and a phone', async () => {
    for (const [name, width, height] of [
      ['day-truth-tablet.png', 1024, 768],
      ['day-truth-phone.png', 390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      // On a phone the board shows one part at a time: the day's timeline is its own tab.
      const dayTab = page.getByRole('button', { name: 'Journée', exact: true }).or(page.getByRole('tab', { name: 'Journée', exact: true }));
      if (await dayTab.first().isVisible()) await dayTab.first().click();
      // The row's name, not its band: scrolling to the band would slide the names out of a narrow timeline.
      const rowName = page.locator(`.timeline-row[data-technician-id="${away}"] .timeline-name`);
      if (await rowName.isVisible()) await rowName.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(name) });
    }
    await page.setViewportSize({ width: 1600, height: 1000 });
  });

  it('asks before the technician sets off on tomorrow’s visit, and the server refuses it, saying why in French', async () => {
    const tech = await browser.context.newPage();
    await tech.setViewportSize({ width: 390, height: 844 });
    await tech.goto(`${server.url}/tech`);
    await tech.getByLabel('Adresse e-mail').fill(TECHNICIAN);
    await tech.getByLabel('Mot de passe').fill('tournee-demo');
    await tech.getByRole('button', { name: 'Se connecter' }).click();
    await tech.getByRole('tab', { name: /Demain/ }).click({ timeout: 60_000 });
    const card = tech.locator('.stop-card').first();
    await card.waitFor({ timeout: 30_000 });
    const id = await card.getAttribute('data-intervention-id');
    await card.click();
    await tech.getByRole('button', { name: 'Je pars' }).click();
    const question = tech.getByRole('alertdialog');
    await question.waitFor();
    expect(await question.textContent()).toContain('pas aujourd’hui');
    await tech.screenshot({ path: screenshotPath('day-truth-tech-ask.png') });
    // "Non": nothing sent.
    await question.getByRole('button', { name: 'Non, pas maintenant' }).click();
    expect(await tech.getByRole('button', { name: 'Je pars' }).count()).toBe(1);
    // Anyway: the server refuses, the app says why; the visit is as it was.
    await tech.getByRole('button', { name: 'Je pars' }).click();
    await tech.getByRole('button', { name: 'Partir quand même' }).click();
    await tech
      .locator('.tech-tabs')
      .getByRole('button', { name: /^Alertes/ })
      .click();
    await expect.poll(() => tech.locator('body').textContent(), { timeout: 30_000 }).toContain('le planificateur doit d’abord la déplacer à aujourd’hui');
    await tech.screenshot({ path: screenshotPath('day-truth-tech-refused.png') });
    const after = await call<{ status: string }>(server.url, dispatcherToken, 'GET', `/api/interventions/${id}`);
    expect(after.status).not.toBe('en_route');
    await tech.close();
  });

  // ─── helpers ───────────────────────────────────────────────────────────────

  /** Picks the visit up with the pointer (past the drag threshold). */
  async function holdVisit(interventionId: string): Promise<void> {
    const bar = page.locator(`.timeline-visit[data-intervention-id="${interventionId}"]`);
    await bar.scrollIntoViewIfNeeded();
    const box = (await bar.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 8, box.y + box.height / 2 + 8, { steps: 3 });
  }

  /** Moves the held visit over the rows (but `skip`) until the server's preview is not blocked; returns that row's technician. */
  async function hoverFeasibleRow(skip: readonly string[]): Promise<string | null> {
    const rows = await page.locator('.timeline-row').evaluateAll((els) =>
      els.map((el) => {
        const track = el.querySelector('.timeline-track')!.getBoundingClientRect();
        return { id: (el as HTMLElement).dataset.technicianId!, x: track.x + track.width * 0.6, y: track.y + track.height / 2 };
      }),
    );
    for (const row of rows) {
      if (skip.includes(row.id)) continue;
      await page.mouse.move(row.x, row.y, { steps: 4 });
      const card = page.locator(`.drag-card[data-technician-id="${row.id}"]:not([data-pending])`);
      await card.waitFor({ timeout: 20_000 });
      if (!((await card.getAttribute('class')) ?? '').includes('is-blocked')) return row.id;
    }
    return null;
  }

  /** A drop that costs something asks first: these steps mean to move it. */
  async function confirmIfAsked(): Promise<void> {
    const dialog = page.getByRole('alertdialog');
    await expect
      .poll(async () => (await dialog.count()) > 0 || ((await page.locator('.notices').textContent()) ?? '').includes('déplacée'), { timeout: 20_000 })
      .toBe(true);
    if ((await dialog.count()) > 0) await dialog.getByRole('button', { name: 'Déplacer quand même' }).click();
  }

  /** The technician whose timeline row holds the visit. */
  function rowOf(interventionId: string): Promise<string | null> {
    return page.evaluate((id) => {
      const bar = document.querySelector(`.timeline-visit[data-intervention-id="${id}"]`);
      return bar?.closest<HTMLElement>('.timeline-row')?.dataset.technicianId ?? null;
    }, interventionId);
  }

  function boardStatus(interventionId: string): Promise<string | null> {
    return page.evaluate((id) => {
      const view = (window as unknown as { __tournee: { store: { get(): BoardView } } }).__tournee.store.get();
      return view.plan?.interventions[id]?.status ?? null;
    }, interventionId);
  }
});
