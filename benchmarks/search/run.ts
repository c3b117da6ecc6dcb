/**
 * The work search's latency (GET /api/work/search, server/src/search/work-search.ts)
 * on a company larger than the demo: `--customers` customers (20,000), each with
 * one or two sites spread over two agencies' sectors and an equipment per
 * site, then a dispatcher of one agency searching by name, phone, serial
 * number, town and two words, `--repeat` times each. Prints p50/p95/max per
 * query and the machine's load average (on a loaded machine the figures say
 * more about the load than about the query).
 *
 *     npm run bench:search                                 # embedded PGlite
 *     npm run bench:search -- --postgres postgresql://postgres@127.0.0.1:5432/postgres --customers 50000
 *
 * The database is a fresh PGlite folder or a throwaway PostgreSQL database, removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Claims } from '../../server/src/auth/tokens.ts';
import { openDatabase } from '../../server/src/db/client.ts';
import { searchWork } from '../../server/src/search/work-search.ts';
import { createDatabase } from '../support/throwaway-database.ts';

const { values: args } = parseArgs({
  options: {
    postgres: { type: 'string' },
    customers: { type: 'string', default: '20000' },
    repeat: { type: 'string', default: '20' },
  },
});
const customers = Number(args.customers);
const repeat = Number(args.repeat);
if (!Number.isInteger(customers) || customers < 10 || customers > 1_000_000) throw new Error('--customers: an integer from 10 to 1,000,000');
if (!Number.isInteger(repeat) || repeat < 1 || repeat > 1000) throw new Error('--repeat: an integer from 1 to 1,000');

const NAMES = [
  'Bertrand',
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
];
const FIRST = ['Sophie', 'Éric', 'Jean', 'Marie', 'Camille', 'Hélène', 'Luc', 'Anne', 'Paul', 'Chloé'];
const TOWNS = ['Aix-en-Provence', 'Pertuis', 'Gardanne', 'Marseille', 'Aubagne', 'Saint-Rémy-de-Provence', 'Salon-de-Provence', 'Vitrolles'];
const square = (w: number, s: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [w + 1, s],
      [w + 1, s + 1],
      [w, s + 1],
      [w, s],
    ],
  ],
});

const pgliteDir = args.postgres ? null : mkdtempSync(join(os.tmpdir(), 'tournee-bench-search-'));
const throwaway = args.postgres ? await createDatabase(args.postgres) : null;
const db = await openDatabase({ databaseUrl: throwaway?.url, dataDir: pgliteDir ?? '' });
try {
  const prisma = db.prisma;
  const region = await prisma.region.create({ data: { code: 'R', name: 'Région' } });
  const agencies = await Promise.all(['A', 'B'].map((code) => prisma.agency.create({ data: { code, name: code, regionId: region.id, lat: 43.5, lon: 5.4 } })));
  const sectors = await Promise.all(
    agencies.map((a, i) => prisma.sector.create({ data: { agencyId: a.id, code: `S${i}`, name: `S${i}`, color: '#000', polygon: square(i, 43) } })),
  );
  const started = Date.now();
  const BATCH = 1000;
  for (let from = 0; from < customers; from += BATCH) {
    const n = Math.min(BATCH, customers - from);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = from + k;
      return {
        id: `c${i}`,
        name: `${FIRST[i % FIRST.length]} ${NAMES[(i * 7) % NAMES.length]} ${i}`,
        phone: `04 90 ${String(i)
          .padStart(6, '0')
          .replace(/(\d\d)(?=\d)/g, '$1 ')}`,
        reference: `CLI-${i}`,
      };
    });
    await prisma.customer.createMany({ data: rows });
    const sites = rows.flatMap((c, k) =>
      Array.from({ length: 1 + ((from + k) % 2) }, (_, j) => ({
        id: `s${from + k}-${j}`,
        customerId: c.id,
        sectorId: sectors[(from + k + j) % 2]!.id,
        address: `${1 + ((from + k) % 90)} rue des Oliviers`,
        postcode: '13100',
        city: TOWNS[(from + k + j) % TOWNS.length]!,
      })),
    );
    await prisma.site.createMany({ data: sites });
    await prisma.equipment.createMany({
      data: sites.map((s, k) => ({ siteId: s.id, category: 'heat_pump', brand: 'Daikin', serialNumber: `PAC-${from + k}` })),
    });
  }
  console.log(`seeded ${customers} customers on ${db.kind} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const dispatcher: Claims = { sub: 'bench', role: 'dispatcher', agencyIds: [agencies[0]!.id] };
  const queries = ['bertrand', 'sophie bertrand', `04 90 00 12 34`, `PAC-${Math.floor(customers / 2)}`, 'saint remy', 'xyzzy'];
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} · ${os.cpus().length} cores · ${os.cpus()[0]?.model ?? ''}`,
  );
  for (const q of queries) {
    const times: number[] = [];
    let found = 0;
    for (let r = 0; r < repeat; r++) {
      const t0 = performance.now();
      found = (await searchWork(prisma, dispatcher, { q, limit: 8 })).customers.length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
    console.log(
      `${JSON.stringify(q).padEnd(20)} ${String(found).padStart(2)} customers   p50 ${at(0.5)} ms   p95 ${at(0.95)} ms   max ${times.at(-1)!.toFixed(1)} ms`,
    );
  }
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await db.close();
  await throwaway?.drop();
  if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
}
