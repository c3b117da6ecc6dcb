import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldServicePlan, FieldServiceProblem } from '../../src/field-service/types.ts';
import { examples, runCli } from './support.ts';

/** What the field-service commands share (cli/field-service.ts): travel from OSRM with --osrm, routing failures as code 3. */

describe('--osrm on the field-service commands', () => {
  it('takes travel times from an OSRM server, and answers code 3 when it fails', async () => {
    let requests = 0;
    let failing = false;
    // A stand-in for osrm-routed: travel proportional to the coordinate difference, so that plans differ from the crow-flies model.
    const server = createServer((req, res) => {
      requests++;
      const url = new URL(req.url ?? '/', 'http://localhost');
      const coords = (/\/table\/v1\/driving\/([^/]+)$/.exec(url.pathname)?.[1] ?? '').split(';').map((p) => p.split(',').map(Number));
      const pick = (name: string): number[] => (url.searchParams.get(name) ?? '').split(';').map(Number);
      res.setHeader('content-type', 'application/json');
      if (failing) {
        res.statusCode = 400;
        res.end(JSON.stringify({ code: 'NoSegment', message: 'Could not find a matching segment for coordinate 0' }));
        return;
      }
      const table = (scale: number) =>
        pick('sources').map((s) =>
          pick('destinations').map((d) => scale * (Math.abs(coords[s]![0]! - coords[d]![0]!) + Math.abs(coords[s]![1]! - coords[d]![1]!))),
        );
      res.end(JSON.stringify({ code: 'Ok', durations: table(20_000), distances: table(300_000) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await runCli(['plan', '-i', join(examples, 'plan.json'), '--iterations', '50', '--osrm', url]);
      expect(ok.status).toBe(0);
      expect(requests).toBe(1);
      const plan = JSON.parse(ok.stdout) as FieldServicePlan;
      // The first leg of the first tour is the server's, not the crow-flies model's.
      const tour = plan.tours[0]!;
      const problem = JSON.parse(readFileSync(join(examples, 'plan.json'), 'utf8')) as FieldServiceProblem;
      const site = problem.visits.find((v) => v.id === tour.stops[0]!.visit)!.location;
      const expected = 20_000 * (Math.abs(tour.start.location[0] - site[0]) + Math.abs(tour.start.location[1] - site[1]));
      expect(tour.stops[0]!.travelTime).toBe(Math.round(expected));

      const slots = await runCli(['slots', '-i', join(examples, 'slots.json'), '--osrm', url]);
      expect(slots.status).toBe(0);

      failing = true;
      const failed = await runCli(['insert', '-i', join(examples, 'insert.json'), '--osrm', url]);
      expect(failed.status).toBe(3);
      expect(JSON.parse(failed.stdout)).toEqual({ code: 3, error: expect.stringMatching(/^routing: OSRM table request .*NoSegment: Could not find/) });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
