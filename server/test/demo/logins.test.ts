// The demo's accounts on the login screen (issue 11): flagged by the demo seed
// (users.demo), offered through /ui-config.json only while flagged and active,
// never an account merely named like one.
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.ts';
import { DEMO_PASSWORD } from '../../src/demo/build/users.ts';
import { demoLogins } from '../../src/demo/logins.ts';
import { staticUi } from '../../src/http/static-ui.ts';
import { listen, openPglite, request } from '../http/harness.ts';

describe('demo logins', () => {
  let opened: Awaited<ReturnType<typeof openPglite>>;
  beforeAll(async () => {
    opened = await openPglite();
  }, 120_000);
  afterAll(async () => {
    await opened?.cleanup();
  });

  it('lists the flagged, active demo accounts in the README order, and none without demo data', async () => {
    const prisma = opened.db.prisma;
    expect(await demoLogins(prisma)).toBeNull();
    const passwordHash = await hashPassword('not-the-demo-one');
    // Named like the demo's admin but not created by the seed: not offered.
    await prisma.user.create({ data: { email: 'admin@demo.tournee.fr', name: 'Admin', role: 'admin', passwordHash } });
    expect(await demoLogins(prisma)).toBeNull();
    await prisma.user.create({ data: { email: 'technicien1@demo.tournee.fr', name: 'Tech', role: 'technician', passwordHash, demo: true } });
    await prisma.user.create({ data: { email: 'dispatcher@demo.tournee.fr', name: 'Disp', role: 'dispatcher', passwordHash, demo: true } });
    expect(await demoLogins(prisma)).toEqual({
      password: DEMO_PASSWORD,
      accounts: [
        { email: 'dispatcher@demo.tournee.fr', role: 'dispatcher' },
        { email: 'technicien1@demo.tournee.fr', role: 'technician' },
      ],
    });

    // Served to the login screen with the UI's configuration; a deactivated one disappears.
    await prisma.user.update({ where: { email: 'technicien1@demo.tournee.fr' }, data: { active: false } });
    const app = express().use(staticUi({ distDir: '/nonexistent', env: { TILE_URL: 'off' }, demoLogins: () => demoLogins(prisma) }));
    const server = await listen({ app } as never);
    try {
      const config = await request<any>(server.url, 'GET', '/ui-config.json');
      expect(config.body).toEqual({ tiles: null, demo: { password: DEMO_PASSWORD, accounts: [{ email: 'dispatcher@demo.tournee.fr', role: 'dispatcher' }] } });
    } finally {
      await server.close();
    }
  });
});
