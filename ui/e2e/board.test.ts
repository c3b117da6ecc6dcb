// The dispatcher's board in headless Chromium against the real server
// (embedded database, demo company): log in; technicians' markers move as
// positions stream; drag a visit to another technician and find it there
// after a reload; an urgent request assigned reaches that technician's socket;
// a second dispatcher's conflicting change is refused with a message; a
// technician's action from the field that clashed with the office's record
// shows up live on the board, both sides, and is marked handled; the
// day is optimized as a preview, compared before/after and accepted, and the
// timeline follows. Screenshots go to support/screenshots.ts's folder.
//
// The test reads the board through `window.__tournee` / `window.__tourneeMap`,
// which the board exposes only on opt-in: launchBrowser() sets
// localStorage['tournee.debug'] = '1' on every page (support/browser.ts).
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OutboxMessage, PlanSnapshot } from '@tournee/contracts/realtime';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const DISPATCHER = 'dispatcher@demo.tournee.fr';
const SECOND_DISPATCHER = 'dispatcher.aix@demo.tournee.fr';
const TECHNICIAN = 'technicien1@demo.tournee.fr';

interface BoardWindow {
  __tournee: {
    store: {
      get(): { plan: { interventions: Record<string, { version: number; technicianId: string | null }> } | null; agencyId: string | null; date: string };
    };
    positions: { get(id: string): { toLat: number; toLon: number } | undefined };
  };
  __tourneeMap: { latLngToContainerPoint(ll: [number, number]): { x: number; y: number }; getContainer(): HTMLElement };
}

describeWithChromium('dispatcher board in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let technician: { token: string; technicianId: string; name: string };
  let dispatcherToken: string;

  beforeAll(async () => {
    buildUi();
    // Positions are posted by the test itself (as a device would), so the simulator stays off.
    server = await startServer({ SIMULATE: '0' });
    browser = await launchBrowser();
    const tech = await login(server.url, TECHNICIAN);
    technician = { token: tech.token, technicianId: tech.user.technicianId!, name: tech.user.name };
    dispatcherToken = (await login(server.url, DISPATCHER)).token;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs in and shows the agency’s day', async () => {
    page = await browser.context.newPage();
    // Under the server's Content-Security-Policy (helmet): nothing the board needs may be refused.
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(boardUrl());
    // The demo's accounts are offered, flagged as such.
    await expect.poll(() => page.getByText('Compte de démonstration').count()).toBeGreaterThan(0);
    await page.getByLabel('Adresse e-mail').fill(DISPATCHER);
    await page.getByLabel('Mot de passe').fill('wrong password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('incorrect');
    await page.screenshot({ path: screenshotPath('login.png') });
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    // The demo day is planned at start-up: tours appear when the run is stored.
    await page.waitForSelector('.timeline-visit', { timeout: 120_000 });
    await expect.poll(() => page.locator('.connection').textContent()).toContain('En direct');
    expect(refused).toEqual([]);
  });

  it('moves technicians’ markers as positions stream', async () => {
    const { technicianId } = technician;
    // Every technician of the agency somewhere near their first visit, for a lively screenshot.
    const placed = await placeTechnicians(page, server.url, dispatcherToken);
    expect(placed).toBeGreaterThan(0);
    const first = { lat: 43.525, lon: 5.43 };
    await post(technicianId, first, 0);
    await page.waitForFunction(([id, lat]) => (window as unknown as BoardWindow).__tournee.positions.get(id as string)?.toLat === lat, [
      technicianId,
      first.lat,
    ] as const);
    // The marker glides there over about a second; on a loaded machine frames come late, so poll.
    await expect.poll(() => hoverLabel(first), { timeout: 15_000 }).toContain(technician.name);

    const second = { lat: 43.545, lon: 5.47 };
    await post(technicianId, second, 1);
    await page.waitForFunction(([id, lat]) => (window as unknown as BoardWindow).__tournee.positions.get(id as string)?.toLat === lat, [
      technicianId,
      second.lat,
    ] as const);
    await expect.poll(() => hoverLabel(second), { timeout: 15_000 }).toContain(technician.name);
    // Where it was, the map now only has what lies underneath (a sector, a cluster), if anything.
    expect((await hoverLabel(first)) ?? '').not.toContain(technician.name);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: screenshotPath('board.png') });
  });

  it('drags a visit to another technician and finds it there after a reload', async () => {
    const source = await page.evaluate(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('.timeline-row')];
      for (const [index, row] of rows.entries()) {
        const visits = row.querySelectorAll<HTMLElement>('.timeline-visit:not(.is-locked)');
        const last = visits[visits.length - 1];
        if (last) return { row: index, interventionId: last.dataset.interventionId!, from: row.dataset.technicianId! };
      }
      return null;
    });
    expect(source).not.toBeNull();
    const bar = page.locator(`.timeline-visit[data-intervention-id="${source!.interventionId}"]`);
    const box = (await bar.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 8, box.y + box.height / 2 + 8, { steps: 3 });
    const target = await hoverFeasibleRow(page, source!.from);
    expect(target, 'no technician row accepts the visit').not.toBeNull();
    await expect.poll(() => page.locator('.drag-card').textContent()).toMatch(/arrivée \d\d:\d\d/);
    await page.screenshot({ path: screenshotPath('board-drag.png') });
    await page.mouse.up();
    await confirmIfAsked(page);
    await expect.poll(() => page.locator('.notices').textContent(), { timeout: 20_000 }).toContain('déplacée');

    await page.reload();
    await page.waitForSelector('.timeline-visit', { timeout: 60_000 });
    await expect
      .poll(() => page.locator(`.timeline-row[data-technician-id="${target}"] [data-intervention-id="${source!.interventionId}"]`).count(), { timeout: 20_000 })
      .toBe(1);
    expect(await page.locator(`.timeline-row[data-technician-id="${source!.from}"] [data-intervention-id="${source!.interventionId}"]`).count()).toBe(0);
  });

  it('assigns an urgent request, which reaches the technician’s socket at once', async () => {
    const socket: Socket = io(server.url, { auth: { token: technician.token }, transports: ['websocket'] });
    const pushed: OutboxMessage[] = [];
    socket.on('assignment:pushed', (m: OutboxMessage) => pushed.push(m));
    await new Promise<void>((ok, fail) => {
      socket.once('session:ready', () => ok());
      socket.once('connect_error', fail);
    });
    try {
      const sites = await call<{ items: { address: string; city: string; lat: number | null }[] }>(
        server.url,
        dispatcherToken,
        'GET',
        '/api/sites?q=Aix-en-Provence&limit=20',
      );
      const site = sites.items.find((s) => s.lat !== null)!;
      await page.getByRole('tab', { name: 'Urgence' }).click();
      await page.getByLabel('Client ou site').fill(site.address);
      await page.locator('[role="option"]', { hasText: site.address }).first().click();
      await page.getByLabel('Problème signalé').fill('Plus de chauffage, code erreur E12');
      // Ranked as a draft: the intervention is created only when assigned (POST /api/urgent-requests).
      await page.getByRole('button', { name: 'Trouver les techniciens' }).click();
      const row = page.locator(`.candidate[data-technician-id="${technician.technicianId}"]`);
      await row.waitFor({ timeout: 30_000 });
      await page.screenshot({ path: screenshotPath('board-urgent.png') });
      const created = page.waitForResponse((r) => r.url().endsWith('/api/urgent-requests') && r.request().method() === 'POST');
      await row.getByRole('button', { name: 'Affecter' }).click();
      const intervention = (await (await created).json()) as { interventionId: string };
      await page.getByText(/Affectée à/).waitFor({ timeout: 20_000 });
      await expect
        .poll(() => pushed.find((m) => m.assignment.interventionId === intervention.interventionId)?.assignment.kind, { timeout: 10_000 })
        .toBe('assigned');
    } finally {
      socket.close();
    }
  });

  it('refuses a move when a second dispatcher changed the visit meanwhile, and says so', async () => {
    await page.getByRole('tab', { name: 'À planifier' }).click();
    const pick = await page.evaluate(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('.timeline-row')];
      for (const row of rows) {
        const visit = [...row.querySelectorAll<HTMLElement>('.timeline-visit:not(.is-locked)')].at(-1);
        if (visit) return { interventionId: visit.dataset.interventionId!, from: row.dataset.technicianId! };
      }
      return null;
    });
    expect(pick).not.toBeNull();
    // Dispatcher A picks the visit up…
    const bar = page.locator(`.timeline-visit[data-intervention-id="${pick!.interventionId}"]`);
    const box = (await bar.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 10, box.y + box.height / 2 + 10, { steps: 3 });

    // …while dispatcher B, on another screen, moves it to another technician.
    const other = await browser.context.newPage();
    await other.goto(boardUrl());
    await other.getByLabel('Adresse e-mail').fill(SECOND_DISPATCHER);
    await other.getByLabel('Mot de passe').fill('tournee-demo');
    await other.getByRole('button', { name: 'Se connecter' }).click();
    await other.waitForSelector(`.timeline-visit[data-intervention-id="${pick!.interventionId}"]`, { timeout: 60_000 });
    await other.locator(`.timeline-visit[data-intervention-id="${pick!.interventionId}"]`).focus();
    await other.keyboard.press('Enter');
    let moved = false;
    for (let i = 0; i < 12 && !moved; i++) {
      const before = await other
        .locator('.drag-card')
        .getAttribute('data-technician-id')
        .catch(() => null);
      await other.keyboard.press('ArrowDown');
      moved = (await settledVerdict(other, { not: before })) !== 'blocked';
    }
    expect(moved, 'dispatcher B found no technician for the visit').toBe(true);
    await other.keyboard.press('Enter');
    await confirmIfAsked(other);
    await expect.poll(() => other.locator('.notices').textContent(), { timeout: 20_000 }).toContain('déplacée');
    await other.close();

    // A drops it back on its first technician's row: refused, explained, reloaded.
    const row = (await page.locator(`.timeline-row[data-technician-id="${pick!.from}"] .timeline-track`).boundingBox())!;
    await page.mouse.move(row.x + row.width * 0.8, row.y + row.height / 2, { steps: 5 });
    await page.mouse.up();
    const alert = page.getByRole('alert').filter({ hasText: 'modifiée par quelqu’un d’autre' });
    await alert.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: screenshotPath('board-conflict.png') });
    // The board shows B's version: the visit is no longer on A's source row.
    await expect
      .poll(() => page.locator(`.timeline-row[data-technician-id="${pick!.from}"] [data-intervention-id="${pick!.interventionId}"]`).count(), {
        timeout: 20_000,
      })
      .toBe(0);
  });

  it('shows a technician’s conflicting action from the field live, both sides, and marks it handled', async () => {
    // A visit of the technician's, as their app holds it (its own: earlier steps moved their planned ones away)…
    const sites = await call<{ items: { id: string; lat: number | null }[] }>(server.url, dispatcherToken, 'GET', '/api/sites?q=Aix-en-Provence&limit=20');
    const agencyId = await page.evaluate(() => (window as unknown as BoardWindow).__tournee.store.get().agencyId!);
    const created = await call<{ id: string; version: number }>(server.url, dispatcherToken, 'POST', '/api/interventions', {
      agencyId,
      kind: 'corrective',
      siteId: sites.items.find((s) => s.lat !== null)!.id,
      estimatedDurationMinutes: 45,
      problemDescription: 'Fuite au circulateur',
    });
    // At the head of their demo day's tour (a given place: the tours may be full).
    const assigned = await call<{ interventionVersion: number }>(server.url, dispatcherToken, 'POST', `/api/interventions/${created.id}/assign`, {
      technicianId: technician.technicianId,
      version: created.version,
      position: 0,
      ...(server.demoDay ? { day: server.demoDay } : {}),
    });
    const portfolio = await call<{ visits: { id: string; status: string; version: number }[] }>(server.url, technician.token, 'GET', '/api/tech/portfolio');
    const visit = portfolio.visits.find((v) => v.id === created.id);
    expect(visit, "the assigned visit is not in the technician's portfolio").toBeDefined();
    expect(visit!.version).toBe(assigned.interventionVersion);
    // …is cancelled at the office while the technician is offline…
    await call(server.url, dispatcherToken, 'POST', `/api/interventions/${visit!.id}/transitions`, {
      to: 'cancelled',
      version: visit!.version,
      reason: 'Client absent, rappel demandé',
    });
    // …and the technician's "on my way", recorded offline, reaches the server afterwards.
    const now = new Date().toISOString();
    const replicated = await call<{ results: { status: string }[] }>(server.url, technician.token, 'POST', '/api/replication/batch', {
      actions: [{ kind: 'status', id: randomUUID(), createdAt: now, interventionId: visit!.id, baseVersion: visit!.version, to: 'en_route', at: now }],
    });
    expect(replicated.results[0]?.status).toBe('conflict');

    // The board says so at once, and the tab counts it.
    const notice = page.locator('.notice', { hasText: 'Conflit terrain' });
    await notice.waitFor({ timeout: 20_000 });
    expect(
      await page
        .getByRole('tab', { name: /Conflits/ })
        .locator('.badge')
        .textContent(),
    ).toBe('1');
    await notice.getByRole('button', { name: 'Voir' }).click();
    const item = page.getByRole('listitem', { name: new RegExp(technician.name) });
    await item.waitFor();
    // Both sides: what the technician did, what the record says.
    await expect
      .poll(() => item.getByRole('region', { name: 'Ce qu’a fait le technicien' }).textContent(), { timeout: 10_000 })
      .toContain('Passage à « En route »');
    expect(await item.getByRole('region', { name: 'Ce que dit le dossier' }).textContent()).toContain('Statut : Annulée');
    expect(await item.textContent()).toContain('Motif d’annulation : Client absent, rappel demandé');
    await page.screenshot({ path: screenshotPath('board-field-conflict.png') });

    await item.getByLabel('Décision prise').fill('Technicien prévenu, visite à replanifier avec le client');
    await item.getByRole('button', { name: 'Marquer comme traité' }).click();
    await page.getByText('Aucun conflit ouvert pour cette agence.').waitFor({ timeout: 10_000 });
    const open = await call<unknown[]>(server.url, dispatcherToken, 'GET', `/api/replication/conflicts?open=true`);
    expect(open).toHaveLength(0);
  });

  it('optimizes the day as a preview, compares before and after, accepts, and the timeline shows the new plan', async () => {
    const { agencyId, date } = await page.evaluate(() => {
      const s = (window as unknown as BoardWindow).__tournee.store.get();
      return { agencyId: s.agencyId!, date: s.date };
    });
    const before = await serverPlan(agencyId, date);
    await page.getByRole('tab', { name: 'Optimiser' }).click();
    // The smallest budget (10 s) is the default.
    expect(await page.getByLabel('Temps de calcul').inputValue()).toBe('10000');
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/plans') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Lancer l’optimisation' }).click();
    const response = await posted;
    expect(response.status(), await response.text()).toBeLessThan(300);
    expect(response.request().postDataJSON()).toMatchObject({ agencyId, days: [date], timeLimitMs: 10_000, preview: true });
    const { id: runId } = (await response.json()) as { id: string };

    // Before → after, side by side, once the preview is computed.
    const table = page.locator('.optimize table.compare');
    await table.waitFor({ timeout: 120_000 });
    expect(await table.locator('tbody tr').count()).toBe(7);
    expect(await table.locator('tr[data-indicator="planned"] td').first().textContent()).not.toBe('—');
    await expect.poll(() => page.locator('.optimize-changes').textContent()).toMatch(/Accepter modifie|identique/);
    // Nothing is applied yet: the run waits for the dispatcher.
    const preview = await call<{ preview: boolean; decision: string | null }>(server.url, dispatcherToken, 'GET', `/api/plans/${runId}`);
    expect(preview).toMatchObject({ preview: true, decision: 'pending' });
    await page.screenshot({ path: screenshotPath('board-optimize.png') });

    const accepted = page.waitForResponse((r) => r.url().endsWith(`/api/plans/${runId}/accept`));
    await page.getByRole('button', { name: 'Accepter le plan' }).click();
    const answer = await accepted;
    expect(answer.status(), await answer.text()).toBe(200);
    await page.getByText('Plan appliqué').waitFor({ timeout: 20_000 });
    const run = await call<{ decision: string | null; result: { summary: { interventionsChanged: number } } }>(
      server.url,
      dispatcherToken,
      'GET',
      `/api/plans/${runId}`,
    );
    expect(run.decision).toBe('accepted');

    // The board follows through the server's plan deltas (no reload): every
    // technician's row holds exactly the visits of their tour in the plan now in force.
    const after = await serverPlan(agencyId, date);
    if (run.result.summary.interventionsChanged > 0) expect(toursOf(after)).not.toEqual(toursOf(before));
    await expect
      .poll(
        async () => {
          const shown = await page
            .locator('.timeline-row')
            .evaluateAll((rows) =>
              Object.fromEntries(
                rows.map((row) => [
                  (row as HTMLElement).dataset.technicianId!,
                  [...row.querySelectorAll<HTMLElement>('.timeline-visit[data-intervention-id]')].map((v) => v.dataset.interventionId!).sort(),
                ]),
              ),
            );
          return Object.entries(toursOf(after)).every(([technicianId, ids]) => JSON.stringify(shown[technicianId] ?? []) === JSON.stringify([...ids].sort()));
        },
        { timeout: 30_000 },
      )
      .toBe(true);
  });

  // ─── helpers ───────────────────────────────────────────────────────────────

  /** The board opened on the demo's day (tomorrow: see support/server.ts). */
  function boardUrl(): string {
    return server.demoDay ? `${server.url}/?date=${server.demoDay}` : server.url;
  }

  /** The agency's day as the server holds it (a dispatcher's socket asking for a snapshot). */
  async function serverPlan(agencyId: string, date: string): Promise<PlanSnapshot> {
    const socket: Socket = io(server.url, { auth: { token: dispatcherToken }, transports: ['websocket'] });
    try {
      await new Promise<void>((ok, fail) => {
        socket.once('session:ready', () => ok());
        socket.once('connect_error', fail);
      });
      const answer = (await socket.timeout(20_000).emitWithAck('plan:resync', { agencyId, date })) as { ok: boolean; data: PlanSnapshot; error?: string };
      if (!answer.ok) throw new Error(`plan:resync: ${answer.error}`);
      return answer.data;
    } finally {
      socket.close();
    }
  }

  async function post(technicianId: string, at: { lat: number; lon: number }, secondsLater: number): Promise<void> {
    const recordedAt = new Date(Date.now() + secondsLater * 1000).toISOString();
    await call(server.url, dispatcherToken, 'POST', '/api/positions', {
      positions: [{ technicianId, lat: at.lat, lon: at.lon, heading: 45, speed: 12, recordedAt }],
    });
  }

  /** Hovers where the map draws this place and returns the canvas tooltip's text, if one shows. */
  async function hoverLabel(at: { lat: number; lon: number }): Promise<string | null> {
    const point = await page.evaluate(
      ([lat, lon]) => {
        const w = window as unknown as BoardWindow;
        const p = w.__tourneeMap.latLngToContainerPoint([lat, lon]);
        const r = w.__tourneeMap.getContainer().getBoundingClientRect();
        return { x: r.left + p.x, y: r.top + p.y };
      },
      [at.lat, at.lon] as const,
    );
    const tooltip = page.locator('.board-canvas-tooltip');
    let text: string | null = null;
    // A person's hover: come from aside, settle on the point, wiggle a pixel if nothing shows yet.
    for (let attempt = 0; attempt < 4 && !text?.includes(technician.name); attempt++) {
      await page.mouse.move(point.x + 40, point.y + 40);
      await page.mouse.move(point.x + (attempt % 2), point.y, { steps: 3 });
      await page.waitForTimeout(150);
      text = (await tooltip.count()) === 0 || (await tooltip.isHidden()) ? null : await tooltip.textContent();
    }
    return text;
  }
});

/** Each technician's visits on the day's tours, in visiting order (those with a time: the timeline draws no other). */
function toursOf(plan: PlanSnapshot): Record<string, string[]> {
  const planned = new Map(plan.interventions.map((i) => [i.id, i.plannedStart]));
  const out: Record<string, string[]> = {};
  for (const tour of plan.tours) {
    if (tour.date !== plan.date) continue;
    (out[tour.technicianId] ??= []).push(...tour.stops.filter((s) => s.plannedStart ?? planned.get(s.interventionId)).map((s) => s.interventionId));
  }
  return out;
}

/** A drop that costs something (overtime, a missed SLA, a visit already sent) asks first: these tests mean to move it. */
async function confirmIfAsked(page: Page): Promise<void> {
  const dialog = page.getByRole('alertdialog');
  await expect
    .poll(async () => (await dialog.count()) > 0 || ((await page.locator('.notices').textContent()) ?? '').includes('déplacée'), { timeout: 20_000 })
    .toBe(true);
  if ((await dialog.count()) > 0) await dialog.getByRole('button', { name: 'Déplacer quand même' }).click();
}

/** Moves the held visit over the other rows until the server's preview is not blocked; returns that row's technician. */
async function hoverFeasibleRow(page: Page, from: string): Promise<string | null> {
  const rows = await page.locator('.timeline-row').evaluateAll((els) =>
    els.map((el) => {
      const track = el.querySelector('.timeline-track')!.getBoundingClientRect();
      return { id: (el as HTMLElement).dataset.technicianId!, x: track.x + track.width * 0.75, y: track.y + track.height / 2 };
    }),
  );
  for (const row of rows) {
    if (row.id === from) continue;
    await page.mouse.move(row.x, row.y, { steps: 4 });
    if ((await settledVerdict(page, { on: row.id })) !== 'blocked') return row.id;
  }
  return null;
}

/** The drag preview's verdict once the server has answered for the row the visit is held over (`on` it, or `not` the one before). */
async function settledVerdict(page: Page, row: { on?: string; not?: string | null }): Promise<'ok' | 'warning' | 'blocked'> {
  const which = row.on ? `[data-technician-id="${row.on}"]` : row.not ? `:not([data-technician-id="${row.not}"])` : '';
  const card = page.locator(`.drag-card${which}:not([data-pending])`);
  await card.waitFor({ timeout: 15_000 });
  const cls = (await card.getAttribute('class')) ?? '';
  return cls.includes('is-blocked') ? 'blocked' : cls.includes('is-warning') ? 'warning' : 'ok';
}

/** Posts one position per technician of the board's agency, next to their first visit (or home). */
async function placeTechnicians(page: Page, url: string, token: string): Promise<number> {
  const positions = await page.evaluate(() => {
    const s = (
      window as unknown as {
        __tournee: {
          store: {
            get(): {
              technicians: { id: string; homeLat: number | null; homeLon: number | null }[];
              plan: { tours: Record<string, { technicianId: string; stops: { lat: number | null; lon: number | null }[] }> } | null;
            };
          };
        };
      }
    ).__tournee.store.get();
    return s.technicians.map((t, i) => {
      const tour = Object.values(s.plan?.tours ?? {}).find((x) => x.technicianId === t.id);
      const stop = tour?.stops.find((x) => x.lat !== null);
      const lat = (stop?.lat ?? t.homeLat ?? 43.5) + 0.004 * Math.sin(i);
      const lon = (stop?.lon ?? t.homeLon ?? 5.4) + 0.004 * Math.cos(i);
      return { technicianId: t.id, lat, lon, heading: (i * 47) % 360, speed: i % 3 === 0 ? 0 : 11, recordedAt: new Date().toISOString() };
    });
  });
  await call(url, token, 'POST', '/api/positions', { positions });
  return positions.length;
}
