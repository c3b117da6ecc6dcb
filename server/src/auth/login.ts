// Password login: checks the credentials and builds the claims a session
// token carries (role, technician, agencies).
import type { PrismaClient } from '../generated/prisma/client.ts';
import { verifyPassword } from './passwords.ts';
import { signToken, type Claims } from './tokens.ts';

export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Claims['role'];
  readonly technicianId: string | null;
  readonly agencyIds: string[];
}

const USER_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  technicianId: true,
  active: true,
  passwordHash: true,
  tokenVersion: true,
  agencies: { select: { agencyId: true } },
  technician: { select: { agencyId: true } },
} as const;

type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

function findUser(prisma: PrismaClient, where: { email: string } | { id: string }) {
  return prisma.user.findUnique({ where, select: USER_SELECT });
}

function sessionUser(user: UserRow): SessionUser {
  // Admins see every agency (an empty list in the claims means "all");
  // a technician belongs to their technician record's agency.
  const agencyIds =
    user.role === 'dispatcher' ? user.agencies.map((a) => a.agencyId) : user.role === 'technician' && user.technician ? [user.technician.agencyId] : [];
  return { id: user.id, email: user.email, name: user.name, role: user.role, technicianId: user.technicianId, agencyIds };
}

/** What a token says about its user; `tokenVersion` is the stored one at login (see sessions.ts). */
export function claimsOf(user: SessionUser, tokenVersion: number): Claims {
  return {
    sub: user.id,
    role: user.role,
    agencyIds: user.agencyIds,
    tokenVersion,
    ...(user.technicianId ? { technicianId: user.technicianId } : {}),
  };
}

/** The session for these credentials, or undefined (same answer for unknown email, wrong password, disabled account). */
export async function login(prisma: PrismaClient, secret: string, email: string, password: string): Promise<{ token: string; user: SessionUser } | undefined> {
  const row = await findUser(prisma, { email: email.trim().toLowerCase() });
  const ok = await verifyPassword(row?.passwordHash, password);
  if (!row || !ok || !row.active) return undefined;
  await prisma.user.update({ where: { id: row.id }, data: { lastLoginAt: new Date() } });
  const user = sessionUser(row);
  return { token: await signToken(claimsOf(user, row.tokenVersion), secret), user };
}

/** The current state of a logged-in user (undefined when deleted or disabled since). */
export async function currentUser(prisma: PrismaClient, userId: string): Promise<SessionUser | undefined> {
  const row = await findUser(prisma, { id: userId });
  return row?.active ? sessionUser(row) : undefined;
}
