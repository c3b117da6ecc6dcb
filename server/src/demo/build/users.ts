// The demo's accounts (password `tournee-demo`, hashed at seeding): an
// admin; `dispatcher@` who dispatches all three agencies (the board shows
// the whole company); one dispatcher per agency (to see scoping at work);
// and `technicienN@` for each technician, numbered Aix, then Marseille, then
// Avignon. Only this seed ever creates them.
import type { BuildContext } from './context.ts';
import type { Organisation } from './organisation.ts';
import type { Workforce } from './workforce.ts';

export const DEMO_PASSWORD = 'tournee-demo';
export const DEMO_EMAIL_DOMAIN = 'demo.tournee.fr';

export interface DemoUserSpec {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'dispatcher' | 'technician';
  technicianId: string | null;
  agencyIds: string[];
}

const AGENCY_DISPATCHERS: Record<string, { local: string; name: string }> = {
  AIX: { local: 'dispatcher.aix', name: 'Sandrine Roux' },
  MRS: { local: 'dispatcher.marseille', name: 'Karim Haddad' },
  AVI: { local: 'dispatcher.avignon', name: 'Mireille Audibert' },
};

export function demoUsers({ r }: BuildContext, org: Organisation, workforce: Workforce): DemoUserSpec[] {
  const all = org.built.map((a) => a.id);
  const users: DemoUserSpec[] = [
    { id: r.uuid(), email: `admin@${DEMO_EMAIL_DOMAIN}`, name: 'Claire Administratrice', role: 'admin', technicianId: null, agencyIds: all },
    { id: r.uuid(), email: `dispatcher@${DEMO_EMAIL_DOMAIN}`, name: 'Julien Planificateur', role: 'dispatcher', technicianId: null, agencyIds: all },
  ];
  for (const agency of org.built) {
    const d = AGENCY_DISPATCHERS[agency.def.code];
    if (d) users.push({ id: r.uuid(), email: `${d.local}@${DEMO_EMAIL_DOMAIN}`, name: d.name, role: 'dispatcher', technicianId: null, agencyIds: [agency.id] });
  }
  for (const t of workforce.built) {
    users.push({ id: r.uuid(), email: t.email, name: `${t.firstName} ${t.lastName}`, role: 'technician', technicianId: t.id, agencyIds: [t.agency.id] });
  }
  return users;
}
