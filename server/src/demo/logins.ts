// The demo accounts the login screen offers (issue 11): only accounts the
// demo seed flagged (`users.demo`), still active, among the three the README
// lists — so a database without the demo, or where an admin deactivated or
// removed them, shows none. Their password is the demo's public one.
import type { PrismaClient } from '../generated/prisma/client.ts';
import { DEMO_PASSWORD } from './build/users.ts';

/** Logins shown at start-up and on the login screen; the demo seed creates them (and more). */
export const DEMO_LOGINS = ['admin@demo.tournee.fr', 'dispatcher@demo.tournee.fr', 'technicien1@demo.tournee.fr'] as const;

export interface DemoLogins {
  readonly password: string;
  readonly accounts: ReadonlyArray<{ readonly email: string; readonly role: 'admin' | 'dispatcher' | 'technician' }>;
}

export async function demoLogins(prisma: PrismaClient): Promise<DemoLogins | null> {
  const users = await prisma.user.findMany({ where: { demo: true, active: true, email: { in: [...DEMO_LOGINS] } }, select: { email: true, role: true } });
  if (users.length === 0) return null;
  const order = (email: string) => DEMO_LOGINS.indexOf(email as (typeof DEMO_LOGINS)[number]);
  return { password: DEMO_PASSWORD, accounts: users.sort((a, b) => order(a.email) - order(b.email)) };
}
