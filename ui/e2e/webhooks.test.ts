// The back office's ERP webhooks screen in headless Chromium against the real
// server (embedded database, demo company), with an ERP stand-in listening in
// the test process: the demo admin subscribes it from the screen, copies the
// secret shown once, and watches the delivery log — an intervention created
// is delivered signed after the ERP first answers 500, then sent again with
// « Renvoyer ». Screenshots at 1600×1000, 1024×768 and 390×844.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { screenshotPath } from './support/screenshots.ts';
import { buildUi, type RunningServer, startServer } from './support/server.ts';

const ADMIN = 'admin@demo.tournee.fr';

interface Received {
  readonly body: string;
  readonly signature: string;
  readonly answered: number;
}

/** The ERP: answers 500 to the first delivery it gets, 200 afterwards. */
async function startErp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answered = received.length === 0 ? 500 : 200;
      received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['tournee-signature'] ?? ''), answered });
      res.writeHead(answered).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/tournee`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describeWithChromium('ERP webhooks screen in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let erp: Awaited<ReturnType<typeof startErp>>;

  beforeAll(async () => {
    buildUi();
    erp = await startErp();
    // The ERP stand-in listens on 127.0.0.1, as an on-premises ERP on the company network would; retries come quickly.
    server = await startServer({ SIMULATE: '0', WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOKS_BACKOFF_MS: '300' });
    browser = await launchBrowser({ width: 1600, height: 1000 });
    page = await browser.context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Adresse e-mail').fill(ADMIN);
    await page.getByLabel('Mot de passe').fill('tournee-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('navigation', { name: 'Rubriques' }).waitFor({ timeout: 60_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await erp?.close();
  });

  it('subscribes the ERP, shows the secret once, and logs a signed delivery retried after a 500, then sent again', async () => {
    await page.getByRole('navigation', { name: 'Rubriques' }).getByRole('link', { name: 'Webhooks ERP' }).click();
    await page.getByRole('heading', { name: 'Webhooks ERP', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Nouvel abonnement' });
    await form.getByLabel('Adresse de réception (URL)').fill(erp.url);
    await form.getByLabel('Libellé').fill('Sage 100 — siège');
    await form.getByLabel('Intervention créée').check();
    await form.getByLabel('Facture émise').check();
    await form.getByRole('button', { name: 'Créer l’abonnement' }).click();

    const secretBox = page.getByRole('status', { name: 'Secret de signature' });
    await secretBox.waitFor();
    const secret = (await secretBox.getByLabel('Secret de signature').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await page.screenshot({ path: screenshotPath('webhooks-secret.png') });
    await secretBox.getByRole('button', { name: 'C’est noté' }).click();
    await expect.poll(() => page.getByText(secret).count()).toBe(0);

    // The endpoint is listed with its events in words.
    const endpoints = page.getByRole('table', { name: 'Points de réception' });
    const row = endpoints.locator('tbody tr', { hasText: 'Sage 100 — siège' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Intervention créée');
    expect(await row.textContent()).toContain('Facture émise');

    // An intervention created elsewhere (an API call, as a dispatcher's board would).
    const { token } = await login(server.url, ADMIN);
    const agencies = await call<{ items: { id: string }[] }>(server.url, token, 'GET', '/api/agencies');
    const sites = await call<{ items: { id: string }[] }>(server.url, token, 'GET', '/api/sites?limit=1');
    const created = await call<{ id: string }>(server.url, token, 'POST', '/api/interventions', {
      agencyId: agencies.items[0]!.id,
      siteId: sites.items[0]!.id,
      problemDescription: 'PAC en défaut haute pression',
      estimatedDurationMinutes: 60,
    });

    // Delivered on the second attempt, signed with the secret shown once.
    await expect.poll(() => erp.received.filter((r) => r.answered === 200).length, { timeout: 60_000 }).toBe(1);
    const delivered = erp.received.find((r) => r.answered === 200)!;
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(delivered.signature)!;
    expect(createHmac('sha256', secret).update(`${t}.${delivered.body}`).digest('hex')).toBe(v1);
    expect(JSON.parse(delivered.body)).toMatchObject({ type: 'intervention.created', data: { id: created.id } });

    const log = page.getByRole('region', { name: 'Journal des envois' });
    await log.getByRole('button', { name: 'Actualiser' }).click();
    const deliveryRow = log.locator('tbody tr', { hasText: 'Intervention créée' });
    await expect
      .poll(async () => (await log.getByRole('button', { name: 'Actualiser' }).click(), await deliveryRow.textContent()), { timeout: 30_000 })
      .toContain('Livré');
    const cells = deliveryRow.locator('td');
    expect(await cells.nth(4).textContent()).toBe('2');
    expect(await cells.nth(5).textContent()).toBe('200');
    expect(await cells.nth(6).textContent()).toMatch(/^\d[\d\s\u202f]* ms$/);
    await page.screenshot({ path: screenshotPath('webhooks.png') });

    await deliveryRow.getByRole('button', { name: /^Renvoyer « Intervention créée » du / }).click();
    await expect.poll(() => erp.received.length, { timeout: 30_000 }).toBe(3);
    expect(JSON.parse(erp.received[2]!.body).id).toBe(JSON.parse(delivered.body).id);
  });

  it('reads on a tablet and a phone', async () => {
    for (const [name, width, height] of [
      ['webhooks-tablet.png', 1024, 768],
      ['webhooks-phone.png', 390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.getByRole('heading', { name: 'Webhooks ERP', level: 1 }).waitFor();
      await page.getByRole('table', { name: 'Points de réception' }).locator('tbody tr', { hasText: 'Sage 100 — siège' }).waitFor();
      await page.screenshot({ path: screenshotPath(name), fullPage: true });
    }
    // The phone again, further down: the delivery log.
    await page.getByRole('region', { name: 'Journal des envois' }).scrollIntoViewIfNeeded();
    await page.getByRole('region', { name: 'Journal des envois' }).locator('tbody tr', { hasText: 'Livré' }).first().waitFor();
    await page.screenshot({ path: screenshotPath('webhooks-phone-log.png') });
  });
});
