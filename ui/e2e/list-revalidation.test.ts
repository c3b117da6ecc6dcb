// The browser keeps the interventions list and asks again with its ETag
// (issue 11, finding 10): GET /api/interventions answers with
// `ETag: "<list version>.<hash of the caller's scope>"` and
// `Cache-Control: private, no-cache`, so Chromium's own HTTP cache sends
// If-None-Match when the board's client (ui/src/api/http.ts: fetch, default
// cache mode, bearer token) reads the list again, and a 304 gives the page
// the kept answer — no code in the board. A change committed in between
// makes the next read a full page. Requests are made here exactly as
// http.ts makes them (no screen to look at: nothing visible changes).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, login } from './support/api.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { describeWithChromium } from './support/describe.ts';
import { type RunningServer, startServer } from './support/server.ts';

const LIST = '/api/interventions?limit=200';
type Item = { id: string; version: number; priority: number };

describeWithChromium('the interventions list, read again by the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  // What went over the wire for each list read: the If-None-Match the browser sent.
  const sent: Array<string | undefined> = [];

  beforeAll(async () => {
    // Nothing else writes interventions meanwhile: no simulator, no scheduled planning or service plans.
    server = await startServer({ SIMULATE: '0', PLANNING_AT: 'off', SERVICE_PLANS_AT: 'off' });
    token = (await login(server.url, 'dispatcher@demo.tournee.fr')).token;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('request', (request) => {
      if (request.url().endsWith(LIST)) void request.allHeaders().then((h) => sent.push(h['if-none-match']));
    });
    await page.goto(`${server.url}/api/health`);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // As http.ts sends a GET.
  const read = () =>
    page.evaluate(
      async ({ path, bearer }) => {
        const response = await fetch(path, { method: 'GET', headers: { accept: 'application/json', authorization: `Bearer ${bearer}` } });
        return { status: response.status, etag: response.headers.get('etag'), text: await response.text() };
      },
      { path: LIST, bearer: token },
    );
  const sentFor = async (n: number) => {
    await expect.poll(() => sent.length).toBeGreaterThanOrEqual(n);
    return sent[n - 1];
  };

  it('sends the ETag it holds, gets the kept page while nothing changed, and the new page after a change', async () => {
    const first = await read();
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"\d+\.[\w-]+"$/);
    expect(await sentFor(1)).toBeUndefined();

    const again = await read();
    expect(await sentFor(2)).toBe(first.etag);
    // The 304 reached the page as the kept answer, byte for byte.
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.etag).toBe(first.etag);

    // Another dispatcher changes a visit: the next read is a new page with a new ETag.
    const { items } = JSON.parse(first.text) as { items: Item[] };
    const target = items[0]!;
    await call(server.url, token, 'PATCH', `/api/interventions/${target.id}`, { version: target.version, priority: target.priority === 90 ? 91 : 90 });
    const changed = await read();
    expect(await sentFor(3)).toBe(first.etag);
    expect(changed.status).toBe(200);
    expect(changed.etag).not.toBe(first.etag);
    expect((JSON.parse(changed.text) as { items: Item[] }).items.find((i) => i.id === target.id)?.priority).toBe(target.priority === 90 ? 91 : 90);
  });
});
