// The technician's app in headless Chromium against the real server
// (embedded database, demo company), with the network cut by
// `context.setOffline(true)`: the app opens offline from its service worker
// and IndexedDB; a whole visit done offline reaches the server on reconnect;
// replaying the same batch changes nothing; a reassignment made meanwhile is
// a conflict both the technician and the dispatcher see; an assignment pushed
// while offline arrives on reconnect, once. Screenshots go to support/screenshots.ts's folder.
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ActionResult, FieldActionInput, FieldConflictNotice } from '@tournee/contracts/replication';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const TECHNICIAN = 'technicien1@demo.tournee.fr';
const DISPATCHER = 'dispatcher@demo.tournee.fr';

interface TechWindow {
  __tech: {
    store: { get(): AppState };
    sync(): Promise<void>;
  };
}
interface AppState {
  phase: string;
  online: boolean;
  connection: string;
  pendingPositions: number;
  queue: { seq: number; state: string; action: FieldActionInput; result?: { status: string; reason?: string } }[];
  notices: { sequence: number; assignment: { interventionId: string; kind: string } }[];
  portfolio: { today: string; visits: { id: string; status: string; version: number }[]; days: { date: string; stops: { interventionId: string }[] }[] } | null;
}
type Intervention = { id: string; version: number; status: string; technicianId: string | null; report: string | null; equipmentId: string | null };

describeWithChromium('technician app in Chromium, offline and back', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let tech: { token: string; technicianId: string; agencyId: string };
  let dispatcher: string;
  /** Sites with coordinates, nearest the technician's home first (see newVisit). */
  let sites: { id: string; lat: number | null; lon: number | null }[];
  /** Set when the back office's stock routes are served: the report then uses a part from the van. */
  let stock: { partId: string; reference: string } | null = null;

  beforeAll(async () => {
    buildUi();
    // Statuses are moved by the technician here, not by the demo's simulator.
    // DEMO_DAY=today: the app opens on today, so the demo's work (and the weekend's on-call shifts) must be today's.
    server = await startServer({ SIMULATE: '0', DEMO_DAY: 'today' });
    browser = await launchBrowser({ width: 420, height: 900 });
    const t = await login(server.url, TECHNICIAN);
    tech = { token: t.token, technicianId: t.user.technicianId!, agencyId: t.user.agencyIds[0]! };
    dispatcher = (await login(server.url, DISPATCHER)).token;
    const page = await call<{ items: { id: string; lat: number | null; lon: number | null; sectorId: string | null }[] }>(
      server.url,
      dispatcher,
      'GET',
      '/api/sites?limit=200',
    );
    const home = await call<{ homeLat: number | null; homeLon: number | null }>(server.url, dispatcher, 'GET', `/api/technicians/${tech.technicianId}`);
    // Late in the evening only an hour or so of the day may be left: a visit must be near enough to reach, do and drive
    // home from before midnight, as the engine times it when it is assigned.
    const away = (s: { lat: number | null; lon: number | null }) => ((s.lat ?? 0) - (home.homeLat ?? 0)) ** 2 + ((s.lon ?? 0) - (home.homeLon ?? 0)) ** 2;
    sites = page.items.filter((s) => s.lat !== null && s.lon !== null).sort((a, b) => away(a) - away(b));
    stock = await stockTheVan();
    // The demo's day is planned at start-up: wait for the agency's run to be stored (whatever fitted in what is left
    // of the day: at a late hour, nothing).
    const deadline = Date.now() + 150_000;
    for (;;) {
      const runs = await call<{ items: { status: string }[] }>(server.url, dispatcher, 'GET', `/api/plans?agencyId=${tech.agencyId}&limit=1`);
      if (runs.items[0]?.status === 'succeeded') break;
      if (runs.items[0]?.status === 'failed' || Date.now() > deadline) throw new Error(`the demo day was not planned within 150 s:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    // The dispatcher keeps the technician on until midnight today, so the visits the test gives them today (newVisit)
    // find a shift to go in at whatever hour the test runs.
    const { today } = await call<{ today: string }>(server.url, tech.token, 'GET', '/api/tech/portfolio?days=1');
    const shifts = await call<{ id: string; date: string | null }[]>(server.url, dispatcher, 'GET', `/api/technicians/${tech.technicianId}/shifts`);
    const untilMidnight = { startMinute: 0, endMinute: 1440, breakMinutes: 0, breakStartMinute: null, breakEndMinute: null };
    const dated = shifts.find((s) => s.date === today);
    if (dated) await call(server.url, dispatcher, 'PATCH', `/api/technicians/${tech.technicianId}/shifts/${dated.id}`, untilMidnight);
    else await call(server.url, dispatcher, 'POST', `/api/technicians/${tech.technicianId}/shifts`, { date: today, ...untilMidnight });
    // And a visit today, the day the app opens on, whatever the hour.
    await newVisit('Entretien annuel chaudière gaz');
    await browser.context.grantPermissions(['geolocation'], { origin: server.url });
    await browser.context.setGeolocation({ latitude: 43.5297, longitude: 5.4474, accuracy: 20 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs in, keeps the tour on the device and opens with no network (service worker)', async () => {
    page = await browser.context.newPage();
    // A position every 2 s rather than 30 s, so the test sees some.
    await page.addInitScript(() => localStorage.setItem('tournee.tech.positionIntervalMs', '2000'));
    await page.goto(`${server.url}/tech`);
    await page.getByLabel('Adresse e-mail').fill(TECHNICIAN);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForSelector('.stop-card', { timeout: 60_000 });
    expect(page.url()).toBe(`${server.url}/tech/`);
    await expect.poll(() => page.getByTestId('network').textContent()).toBe('En ligne');
    await page.screenshot({ path: screenshotPath('tech-tour.png') });

    // The service worker has the shell once it controls the page.
    const ready = await page.evaluate(() =>
      Promise.race([
        navigator.serviceWorker.ready.then(() => 'ready'),
        new Promise<string>((done) => setTimeout(() => done('no service worker after 30 s'), 30_000)),
      ]),
    );
    expect(ready).toBe('ready');
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);

    await browser.context.setOffline(true);
    await page.reload();
    await page.waitForSelector('.stop-card', { timeout: 30_000 });
    await expect.poll(() => page.getByTestId('network').textContent()).toBe('Hors ligne');
    await tab(page, 'Carte').click();
    await page.waitForSelector('.stop-pin');
    await page.screenshot({ path: screenshotPath('tech-map.png') });
    await tab(page, 'Tournée').click();
    await browser.context.setOffline(false);
    await expect.poll(() => page.getByTestId('network').textContent(), { timeout: 30_000 }).toBe('En ligne');
  });

  it('does a whole visit offline; on reconnect the server has the report, the photo, the signature, the parts and the positions', async () => {
    await tab(page, 'Tournée').click();
    const visit = await newVisit('Plus de chauffage, code erreur E5');
    const card = page.locator(`.stop-card[data-intervention-id="${visit.id}"]`);
    await card.waitFor({ timeout: 30_000 });
    await page.getByRole('checkbox', { name: 'En service' }).check();

    await browser.context.setOffline(true);
    await expect.poll(() => page.getByTestId('network').textContent()).toBe('Hors ligne');
    await card.click();
    await page.getByRole('button', { name: 'Je pars' }).click();
    await expect.poll(() => page.getByTestId('visit-status').textContent()).toBe('En route');
    await page.getByRole('button', { name: 'Je suis sur place' }).click();
    await expect.poll(() => page.getByTestId('visit-status').textContent()).toBe('Sur place');

    await page.getByLabel('Travaux réalisés').fill('Condensateur remplacé, circuit purgé, essais de chauffe OK');
    await page.getByLabel('Temps passé (minutes)').fill('50');
    if (stock) {
      await page.getByRole('button', { name: 'Ajouter une pièce' }).click();
      await page.getByLabel('Pièce', { exact: true }).selectOption(stock.partId);
    }
    const equipment = page.locator('.config-editor').first();
    const hasEquipment = (await equipment.count()) > 0;
    if (hasEquipment) {
      await equipment.getByPlaceholder('Nom du paramètre').fill('consigne_eau_c');
      await equipment.getByRole('button', { name: 'Ajouter un paramètre' }).click();
      await equipment.locator('input[name="config.consigne_eau_c"]').fill('45');
    }
    const photo = await bigPhoto(page);
    await page.locator('input[type="file"]').setInputFiles({ name: 'chaudiere.png', mimeType: 'image/png', buffer: photo });
    await page.locator('.photos img').waitFor({ timeout: 30_000 });
    await page.getByLabel('Nom du signataire').fill('Mme Dupont');
    await sign(page);
    await page.locator('.report').screenshot({ path: screenshotPath('tech-report.png') });
    await page.getByRole('button', { name: 'Clôturer l’intervention' }).click();
    await expect.poll(() => page.getByTestId('visit-status').textContent()).toBe('Terminée');

    // All of it waits on the device; the server has seen nothing yet.
    const offline = await state(page);
    const mine = offline.queue.filter((q) => 'interventionId' in q.action && q.action.interventionId === visit.id);
    expect(mine.map((q) => [q.action.kind, q.state])).toEqual([
      ['status', 'pending'],
      ['status', 'pending'],
      ['photo', 'pending'],
      ['complete', 'pending'],
    ]);
    const shot = mine[2]!.action as Extract<FieldActionInput, { kind: 'photo' }>;
    expect(Math.max(shot.width, shot.height)).toBeLessThanOrEqual(1600);
    expect(shot.image.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(shot.image.length).toBeLessThan(photo.length * 1.34); // compressed, whatever the camera gave
    await expect.poll(async () => (await state(page)).pendingPositions, { timeout: 20_000 }).toBeGreaterThan(0);
    expect((await getIntervention(visit.id)).status).toBe('dispatched');
    await expect.poll(() => page.getByTestId('outbox').getAttribute('data-pending')).toBe('4');

    await browser.context.setOffline(false);
    await expect.poll(() => page.getByTestId('outbox').getAttribute('data-pending'), { timeout: 60_000 }).toBe('0');
    const done = await getIntervention(visit.id);
    expect(done).toMatchObject({ status: 'done', version: visit.version + 3, report: 'Condensateur remplacé, circuit purgé, essais de chauffe OK' });
    const report = await call<{
      timeSpentMinutes: number;
      signedBy: string;
      partsUsed: { partId: string; quantity: number }[];
      configurationChanges: { set: Record<string, unknown> }[];
      attachments: { kind: string }[];
    }>(server.url, dispatcher, 'GET', `/api/interventions/${visit.id}/field-report`);
    expect(report).toMatchObject({ timeSpentMinutes: 50, signedBy: 'Mme Dupont' });
    expect(report.attachments.map((a) => a.kind).sort()).toEqual(['photo', 'signature']);
    if (stock) expect(report.partsUsed).toEqual([expect.objectContaining({ partId: stock.partId, quantity: 1 })]);
    if (hasEquipment) expect(report.configurationChanges[0]!.set).toEqual({ consigne_eau_c: 45 });
    await expect.poll(async () => (await state(page)).pendingPositions, { timeout: 30_000 }).toBe(0);
    await page.getByRole('checkbox', { name: 'En service' }).uncheck();
  });

  it('replays the same batch twice: the server applies it once', async () => {
    const before = await state(page);
    const sent = before.queue.filter((q) => q.state === 'applied').map((q) => q.action);
    expect(sent.length).toBeGreaterThanOrEqual(4);
    const visitId = (sent.find((a) => a.kind === 'complete') as { interventionId: string }).interventionId;
    const version = (await getIntervention(visitId)).version;

    // As if the answer to the first delivery had been lost: the device sends the same actions again.
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const r = indexedDB.open('tournee-tech');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const tx = db.transaction('actions', 'readwrite');
      const store = tx.objectStore('actions');
      const all = await new Promise<{ state: string }[]>((ok) => {
        const r = store.getAll();
        r.onsuccess = () => ok(r.result as { state: string }[]);
      });
      for (const q of all) if (q.state === 'applied') store.put({ ...q, state: 'pending' });
      await new Promise((ok) => {
        tx.oncomplete = ok;
      });
      db.close();
      await (window as unknown as TechWindow).__tech.sync();
    });
    await expect.poll(() => page.getByTestId('outbox').getAttribute('data-pending'), { timeout: 30_000 }).toBe('0');
    expect((await state(page)).queue.filter((q) => q.state === 'applied').length).toBe(before.queue.filter((q) => q.state === 'applied').length);

    // And once more straight to the API: every action is a duplicate carrying its first answer.
    const again = await call<{ results: ActionResult[] }>(server.url, tech.token, 'POST', '/api/replication/batch', { actions: sent });
    expect(new Set(again.results.map((r) => r.status))).toEqual(new Set(['duplicate']));
    expect(again.results.every((r) => r.status === 'duplicate' && r.first.status === 'applied')).toBe(true);
    expect((await getIntervention(visitId)).version).toBe(version);
    const report = await call<{ attachments: unknown[] }>(server.url, dispatcher, 'GET', `/api/interventions/${visitId}/field-report`);
    expect(report.attachments).toHaveLength(2);
  });

  it('meets a reassignment made while offline as a conflict, seen by the technician and by the dispatcher', async () => {
    await tab(page, 'Tournée').click();
    const visit = await newVisit('Fuite sur le circuit');
    await page.locator(`.stop-card[data-intervention-id="${visit.id}"]`).waitFor({ timeout: 30_000 });
    const board: Socket = io(server.url, { auth: { token: dispatcher }, transports: ['websocket'] });
    const notices: FieldConflictNotice[] = [];
    board.on('field:conflict' as never, (n: FieldConflictNotice) => {
      notices.push(n);
    });
    await new Promise<void>((ok, fail) => {
      board.once('session:ready' as never, () => ok());
      board.once('connect_error', fail);
    });
    try {
      await browser.context.setOffline(true);
      await page.locator(`.stop-card[data-intervention-id="${visit.id}"]`).click();
      await page.getByRole('button', { name: 'Je pars' }).click();
      await page.getByRole('button', { name: 'Je suis sur place' }).click();
      await page.getByLabel('Travaux réalisés').fill('Joint de vanne changé (saisi hors ligne)');
      await page.getByLabel('Temps passé (minutes)').fill('25');
      await page.getByRole('button', { name: 'Clôturer l’intervention' }).click();

      // Meanwhile, at the office, the visit goes to another technician.
      const other = await otherTechnician();
      const current = await getIntervention(visit.id);
      await call(server.url, dispatcher, 'PATCH', `/api/interventions/${visit.id}`, { version: current.version, technicianId: other });

      await browser.context.setOffline(false);
      await page.getByRole('alert').filter({ hasText: 'À traiter' }).waitFor({ timeout: 60_000 });
      await tab(page, 'Alertes').click();
      const item = page.locator('.conflict[data-reason="reassigned"]').filter({ hasText: 'rapport et clôture' });
      await item.waitFor();
      expect(await item.textContent()).toContain('confié cette visite à un autre technicien');
      await page.screenshot({ path: screenshotPath('tech-conflict.png') });

      // The dispatcher is told at once, and has the report the technician wrote.
      await expect.poll(() => notices.filter((n) => n.interventionId === visit.id).map((n) => n.reason), { timeout: 20_000 }).toContain('reassigned');
      const listed = await call<{ interventionId: string; kind: string; payload: { workDone?: string } }[]>(
        server.url,
        dispatcher,
        'GET',
        `/api/replication/conflicts?agencyId=${tech.agencyId}`,
      );
      expect(listed.find((c) => c.interventionId === visit.id && c.kind === 'complete')?.payload.workDone).toBe('Joint de vanne changé (saisi hors ligne)');
      const after = await getIntervention(visit.id);
      expect(after).toMatchObject({ technicianId: other, status: 'dispatched' });
      await item.getByRole('button', { name: 'J’ai compris' }).click();
    } finally {
      board.close();
    }
  });

  it('gets an assignment pushed while offline when it reconnects, exactly once', async () => {
    await tab(page, 'Tournée').click();
    await browser.context.setOffline(true);
    await expect.poll(() => page.getByTestId('network').textContent()).toBe('Hors ligne');
    const visit = await newVisit('Contrôle annuel de la pompe à chaleur');
    await page.waitForTimeout(1_500);
    expect((await state(page)).notices.some((n) => n.assignment.interventionId === visit.id)).toBe(false);

    await browser.context.setOffline(false);
    await page
      .getByTestId('toast')
      .filter({ hasText: 'Nouvelle intervention' })
      .filter({ hasText: 'Contrôle annuel de la pompe à chaleur' })
      .waitFor({ timeout: 60_000 });
    await page.locator(`.stop-card[data-intervention-id="${visit.id}"]`).waitFor({ timeout: 30_000 });
    const count = async () => (await state(page)).notices.filter((n) => n.assignment.interventionId === visit.id && n.assignment.kind === 'assigned').length;
    expect(await count()).toBe(1);

    // Another drop and reconnection replays nothing already applied.
    await browser.context.setOffline(true);
    await expect.poll(() => page.getByTestId('network').textContent()).toBe('Hors ligne');
    await browser.context.setOffline(false);
    await expect.poll(() => page.getByTestId('network').textContent(), { timeout: 30_000 }).toBe('En ligne');
    await page.waitForTimeout(1_000);
    expect(await count()).toBe(1);
    await tab(page, 'Alertes').click();
    await page.screenshot({ path: screenshotPath('tech-alerts.png') });
  });

  // ─── helpers ───────────────────────────────────────────────────────────────

  function state(p: Page): Promise<AppState> {
    return p.evaluate(() => {
      const s = (window as unknown as TechWindow).__tech.store.get();
      return JSON.parse(
        JSON.stringify({
          phase: s.phase,
          online: s.online,
          connection: s.connection,
          pendingPositions: s.pendingPositions,
          queue: s.queue,
          notices: s.notices,
          portfolio: s.portfolio,
        }),
      ) as AppState;
    });
  }

  function getIntervention(id: string): Promise<Intervention> {
    return call<Intervention>(server.url, dispatcher, 'GET', `/api/interventions/${id}`);
  }

  /** A visit of today for the technician, dispatched to them (pushed to their app). */
  async function newVisit(problem: string): Promise<{ id: string; version: number }> {
    const site = sites[Math.floor(Math.random() * Math.min(5, sites.length))]!;
    const created = await call<Intervention>(server.url, dispatcher, 'POST', '/api/interventions', {
      agencyId: tech.agencyId,
      siteId: site.id,
      estimatedDurationMinutes: 30,
      priority: 60,
      problemDescription: problem,
    });
    const portfolio = await call<{ today: string; days: { stops: unknown[] }[] }>(server.url, tech.token, 'GET', '/api/tech/portfolio?days=1');
    // At the end of the day: the demo's tours are full, so the place is given.
    const assigned = await call<{ interventionVersion: number }>(server.url, dispatcher, 'POST', `/api/interventions/${created.id}/assign`, {
      technicianId: tech.technicianId,
      day: portfolio.today,
      position: portfolio.days[0]!.stops.length,
      version: created.version,
    });
    const sent = await call<Intervention>(server.url, dispatcher, 'POST', `/api/interventions/${created.id}/transitions`, {
      to: 'dispatched',
      version: assigned.interventionVersion,
    });
    return { id: created.id, version: sent.version };
  }

  async function otherTechnician(): Promise<string> {
    const list = await call<{ items: { id: string }[] }>(server.url, dispatcher, 'GET', `/api/technicians?agencyId=${tech.agencyId}&limit=50`);
    return list.items.find((t) => t.id !== tech.technicianId)!.id;
  }

  /**
   * A part in the technician's van, through the back office's routes when
   * they are served (they come with issue 7); without them the report is
   * made without parts.
   */
  async function stockTheVan(): Promise<{ partId: string; reference: string } | null> {
    const probe = await fetch(`${server.url}/api/depots?technicianId=${tech.technicianId}`, { headers: { authorization: `Bearer ${dispatcher}` } });
    if (probe.status === 404) {
      console.log('[tech e2e] the back office routes are not served: the report is tested without parts');
      return null;
    }
    const reference = `E2E-${Date.now()}`;
    const part = await call<{ id: string }>(server.url, dispatcher, 'POST', '/api/parts', {
      reference,
      name: 'Condensateur 35 µF',
      unitCostCents: 1200,
      unitPriceCents: 2900,
    });
    const vans = (await probe.json()) as { items: { id: string }[] };
    const van =
      vans.items[0] ??
      (await call<{ id: string }>(server.url, dispatcher, 'POST', '/api/depots', {
        agencyId: tech.agencyId,
        code: `VAN-E2E-${Date.now()}`,
        name: 'Véhicule de test',
        kind: 'van',
        technicianId: tech.technicianId,
      }));
    await call(server.url, dispatcher, 'POST', '/api/stock-movements/adjustments', {
      depotId: van.id,
      reason: 'chargement du véhicule',
      lines: [{ partId: part.id, quantity: 3 }],
    });
    return { partId: part.id, reference };
  }
});

/** A camera-sized picture (3000 × 2000), drawn in the page and handed back as PNG bytes. */
async function bigPhoto(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 3000;
    canvas.height = 2000;
    const c = canvas.getContext('2d')!;
    const gradient = c.createLinearGradient(0, 0, 3000, 2000);
    gradient.addColorStop(0, '#8a9bb5');
    gradient.addColorStop(1, '#3b2f2a');
    c.fillStyle = gradient;
    c.fillRect(0, 0, 3000, 2000);
    for (let i = 0; i < 400; i++) {
      c.fillStyle = `hsl(${(i * 37) % 360} 60% 50%)`;
      c.fillRect((i * 211) % 2900, (i * 157) % 1900, 40 + (i % 90), 30 + (i % 70));
    }
    return canvas.toDataURL('image/png').split(',')[1]!;
  });
  return Buffer.from(base64, 'base64');
}

/** A tab of the bottom bar (its name may carry a count). */
function tab(page: Page, name: string) {
  return page.locator('.tech-tabs').getByRole('button', { name: new RegExp(`^${name}`) });
}

async function sign(page: Page): Promise<void> {
  // In the middle of the screen: the tab bar and notices are fixed at its bottom.
  await page.locator('.signature-pad').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = (await page.locator('.signature-pad').boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height * 0.7);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 20 + (i * (box.width - 40)) / 20, box.y + box.height * (0.7 - 0.4 * Math.sin(i / 3)));
  await page.mouse.up();
}
