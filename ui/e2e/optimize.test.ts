// "Optimize you can trust" (issue 12, point 6) in headless Chromium against
// the real server (embedded database, demo company): the day is made worse on
// purpose (two visits swapped between technicians through the API), Optimize
// runs as a preview, the page is reloaded while it computes and again once it
// is done — the preview is still there —, the moved visits are listed per
// technician and drawn on the map, one technician's day is accepted alone
// (the server writes only theirs: the preview stays to decide) and the
// timeline shows that technician's proposed tour. Screenshots at desktop,
// tablet and phone sizes go to support/screenshots.ts's folder.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const DISPATCHER = 'dispatcher@demo.tournee.fr';

interface BoardWindow {
  __tournee: {
    store: {
      get(): {
        agencyId: string | null;
        date: string;
        plan: {
          tours: Record<string, { technicianId: string; date: string; stops: { interventionId: string }[] }>;
          interventions: Record<string, { version: number; technicianId: string | null }>;
        } | null;
      };
    };
  };
}

interface Changes {
  technicians: {
    technicianId: string;
    accepted: boolean;
    changed: boolean;
    stops: { interventionId: string; change: string }[];
    leaving: { interventionId: string }[];
  }[];
}

describeWithChromium('Optimize preview in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    buildUi();
    server = await startServer({ SIMULATE: '0' });
    browser = await launchBrowser({ width: 1600, height: 1000 });
    token = (await login(server.url, DISPATCHER)).token;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists and draws the moves per technician, survives reloads, and accepts one technician only', async () => {
    page = await browser.context.newPage();
    await page.goto(server.demoDay ? `${server.url}/?date=${server.demoDay}` : server.url);
    await page.getByLabel('Adresse e-mail').fill(DISPATCHER);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForSelector('.timeline-visit', { timeout: 120_000 });

    // The demo's start-up planning runs are over (their plans stored and broadcast) before the day is read.
    const agencyId = await page.evaluate(() => (window as unknown as BoardWindow).__tournee.store.get().agencyId!);
    await expect
      .poll(
        async () => {
          const { items } = await call<{ items: { status: string }[] }>(server.url, token, 'GET', `/api/plans?agencyId=${agencyId}`);
          return items.length > 0 && items.every((r) => r.status !== 'queued' && r.status !== 'running');
        },
        { timeout: 120_000 },
      )
      .toBe(true);
    await page.reload();
    await page.waitForSelector('.timeline-visit', { timeout: 120_000 });

    // Two busy technicians swap a visit each, put first in the other's day: a plan Optimize will want to change.
    const day = await page.evaluate(() => {
      const s = (window as unknown as BoardWindow).__tournee.store.get();
      const tours = Object.values(s.plan!.tours).filter((t) => t.date === s.date && t.stops.length >= 2);
      tours.sort((a, b) => b.stops.length - a.stops.length);
      const [a, b] = tours;
      const pick = (t: (typeof tours)[number]) => {
        const id = t.stops[t.stops.length - 1]!.interventionId;
        return { id, version: s.plan!.interventions[id]!.version };
      };
      return { date: s.date, a: a!.technicianId, b: b!.technicianId, fromA: pick(a!), fromB: pick(b!) };
    });
    for (const [visit, to] of [
      [day.fromA, day.b],
      [day.fromB, day.a],
    ] as const) {
      const { version } = await call<{ version: number }>(server.url, token, 'GET', `/api/interventions/${visit.id}`);
      await call(server.url, token, 'POST', `/api/interventions/${visit.id}/assign`, { technicianId: to, position: 0, version, day: day.date });
    }

    await page.getByRole('tab', { name: 'Optimiser' }).click();
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/plans') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Lancer l’optimisation' }).click();
    const { id: runId } = (await (await posted).json()) as { id: string };

    // Reloaded while it computes: the run comes back (the panel is where the dispatcher left it once reopened).
    await page.reload();
    await page.waitForSelector('.timeline-visit', { timeout: 120_000 });
    await page.getByRole('tab', { name: 'Optimiser' }).click();
    const moves = page.locator('.optimize-moves');
    await moves.waitFor({ timeout: 120_000 });
    const changes = await call<Changes>(server.url, token, 'GET', `/api/plans/${runId}/changes`);
    const changed = changes.technicians.filter((c) => c.changed);
    expect(changed.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.optimize-tech').count()).toBe(changed.length);
    // Each moved visit listed under its technician, named (never an id), with how it moves.
    const first = changed[0]!;
    const row = page.locator(`.optimize-tech[data-technician="${first.technicianId}"]`);
    const listed = first.stops.filter((s) => s.change !== 'same').length + first.leaving.length;
    expect(await row.locator('.optimize-stop').count()).toBe(listed);
    const text = (await moves.textContent()) ?? '';
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).toMatch(/arrive|change de place|décalée|part chez|retourne dans la file/);
    // Dates the French way: the panel's day in words, the board's day field too (never 2026-12-09 nor 12/09/2026).
    expect(await page.locator('.optimize').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4}/);
    expect(await page.locator('.day-field-long').textContent()).toMatch(/^(Lun|Mar|Mer|Jeu|Ven|Sam|Dim)\. \d{1,2} [a-zéû]+\.? \d{4}$/);
    // Drawn on the map: each changed technician's proposed tour, dashed.
    await expect.poll(() => page.locator('.board-map path.proposed-tour').count()).toBe(changed.length);
    await page.screenshot({ path: screenshotPath('optimize-review-desktop.png') });

    // Reloaded once done: still there, still undecided.
    await page.reload();
    await page.waitForSelector('.timeline-visit', { timeout: 120_000 });
    await page.getByRole('tab', { name: 'Optimiser' }).click();
    await moves.waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('.optimize-tech').count()).toBe(changed.length);
    expect(await call<{ decision: string }>(server.url, token, 'GET', `/api/plans/${runId}`)).toMatchObject({ decision: 'pending' });

    // Accept that one technician only.
    const accepted = page.waitForResponse((r) => r.url().endsWith(`/api/plans/${runId}/accept`));
    await row.getByRole('button', { name: /^Accepter .* seul$/ }).click();
    const answer = await accepted;
    expect(answer.status(), await answer.text()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({ technicianIds: [first.technicianId] });
    const after = await call<Changes>(server.url, token, 'GET', `/api/plans/${runId}/changes`);
    const proposed = after.technicians.find((c) => c.technicianId === first.technicianId)!;
    expect(proposed.accepted).toBe(true);
    const run = await call<{ decision: string }>(server.url, token, 'GET', `/api/plans/${runId}`);
    if (changed.length > 1) {
      expect(run.decision).toBe('pending');
      await expect.poll(() => row.getAttribute('class')).toContain('is-accepted');
      expect(after.technicians.filter((c) => c.changed).length).toBe(changed.length - 1);
    } else {
      expect(run.decision).toBe('accepted');
    }

    // The timeline follows (plan deltas, no reload): that technician's row holds exactly the proposed visits.
    const wanted = proposed.stops.map((s) => s.interventionId).sort();
    await expect
      .poll(
        () =>
          page
            .locator(`.timeline-row[data-technician-id="${first.technicianId}"] .timeline-visit[data-intervention-id]`)
            .evaluateAll((bars) => bars.map((b) => (b as HTMLElement).dataset.interventionId!).sort()),
        { timeout: 30_000 },
      )
      .toEqual(wanted);
    await page.screenshot({ path: screenshotPath('optimize-accepted-one-desktop.png') });

    for (const [name, width, height] of [
      ['tablet', 1024, 768],
      ['phone', 390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      const tab = page.getByRole('tab', { name: 'Optimiser' });
      if (await tab.isVisible()) await tab.click();
      await page.screenshot({ path: screenshotPath(`optimize-review-${name}.png`), fullPage: false });
    }
    await page.setViewportSize({ width: 1600, height: 1000 });
  });
});
