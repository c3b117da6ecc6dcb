// Skills, technicians (with skill levels and usual sectors) and user accounts.
import { technicianScope } from '../../auth/scope.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { bumpIfSessionChanged, type Sessions } from '../../auth/sessions.ts';
import {
  Skill,
  SkillInput,
  SkillPatch,
  SkillQuery,
  Technician,
  TechnicianInput,
  TechnicianPatch,
  TechnicianQuery,
  User,
  UserInput,
  UserPatch,
  UserQuery,
  checkUser,
} from '@tournee/contracts/api';
import { crudRoutes, defined, textSearch, type Delegate } from '../crud.ts';
import { checkReferences, type Reference } from '../references.ts';
import type { AppDeps } from '../deps.ts';
import type { ApiRegistry } from '../registry.ts';

type Data = Record<string, unknown>;
type SkillLevel = { skillId: string; level: number };
type SectorLink = { sectorId: string; primary?: boolean };

export function workforceRoutes(api: ApiRegistry, { prisma }: AppDeps, sessions: Sessions): void {
  // Writes that change what a user's token says end that user's sessions:
  // the version is bumped in the same update (toUpdate below), then this
  // process forgets the cached state and closes the user's sockets.
  const users = (): Delegate => {
    const d = prisma.user;
    return {
      findMany: (args) => d.findMany(args),
      findFirst: (args) => d.findFirst(args),
      count: (args) => d.count(args),
      create: (args) => d.create(args),
      update: async (args) => {
        const user = await d.update(args);
        if (args.data?.tokenVersion) sessions.changed(user.id);
        return user;
      },
      delete: async (args) => {
        const user = await d.delete(args);
        sessions.changed(user.id);
        return user;
      },
    };
  };
  // A technician moved to another agency: their account's token names the old one.
  const technicians = (): Delegate => {
    const d = prisma.technician;
    return {
      findMany: (args) => d.findMany(args),
      findFirst: (args) => d.findFirst(args),
      count: (args) => d.count(args),
      create: (args) => d.create(args),
      update: async (args) => {
        if (args.data?.agencyId === undefined) return d.update(args);
        const [technician, account] = await prisma.$transaction([
          d.update(args),
          prisma.user.findFirst({ where: { technicianId: args.where.id }, select: { id: true } }),
          prisma.user.updateMany({ where: { technicianId: args.where.id }, data: { tokenVersion: { increment: 1 } } }),
        ]);
        if (account) sessions.changed(account.id);
        return technician;
      },
      delete: (args) => d.delete(args),
    };
  };

  crudRoutes(api, {
    name: 'skills',
    noun: 'skill',
    tag: 'Workforce',
    agency: 'shared',
    delegate: () => prisma.skill,
    scope: () => ({}),
    writeRoles: ['admin'],
    query: SkillQuery,
    filters: (q) => textSearch(q.q, ['name', 'code']),
    orderBy: { code: 'asc' },
    input: SkillInput,
    patch: SkillPatch,
    output: Skill,
  });

  crudRoutes(api, {
    name: 'technicians',
    noun: 'technician',
    tag: 'Workforce',
    delegate: technicians,
    scope: technicianScope,
    writeRoles: ['admin', 'dispatcher'],
    query: TechnicianQuery,
    filters: (q) => ({
      ...defined({ agencyId: q.agencyId, active: q.active }),
      ...(q.skillId ? { skills: { some: { skillId: q.skillId } } } : {}),
      ...textSearch(q.q, ['firstName', 'lastName', 'email']),
    }),
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
    include: { skills: { include: { skill: { select: { code: true, name: true } } } }, sectors: true },
    agencyOf: (t) => t.agencyId as string | undefined,
    input: TechnicianInput,
    patch: TechnicianPatch,
    output: Technician,
    toCreate: async ({ skills, sectors, ...rest }, auth) => {
      await checkReferences(prisma, auth, rest.agencyId as string, sectorReferences(sectors as SectorLink[] | undefined));
      return {
        ...rest,
        ...(skills ? { skills: { create: skills as SkillLevel[] } } : {}),
        ...(sectors ? { sectors: { create: sectors as SectorLink[] } } : {}),
      };
    },
    // Lists replace: what the dispatcher's form shows is what is stored.
    toUpdate: async ({ skills, sectors, ...rest }, existing, auth) => {
      // Its usual sectors — the new list, or the kept one when it moves — must be its agency's.
      if (sectors || rest.agencyId !== undefined) {
        const kept = (sectors ?? existing.sectors) as SectorLink[] | undefined;
        await checkReferences(prisma, auth, (rest.agencyId ?? existing.agencyId) as string, sectorReferences(kept));
      }
      return {
        ...rest,
        ...(skills ? { skills: { deleteMany: {}, create: skills as SkillLevel[] } } : {}),
        ...(sectors ? { sectors: { deleteMany: {}, create: sectors as SectorLink[] } } : {}),
      };
    },
    toOutput: ({ skills, sectors, ...rest }) => ({
      ...rest,
      skills: (skills as { skillId: string; level: number; skill?: unknown }[]).map(({ skillId, level, skill }) => ({ skillId, level, skill })),
      sectors: (sectors as { sectorId: string; primary: boolean }[]).map(({ sectorId, primary }) => ({ sectorId, primary })),
    }),
  });

  crudRoutes(api, {
    name: 'users',
    noun: 'user',
    tag: 'Workforce',
    delegate: users,
    scope: () => ({}),
    readRoles: ['admin'],
    writeRoles: ['admin'],
    query: UserQuery,
    filters: (q) => ({ ...defined({ role: q.role }), ...textSearch(q.q, ['name', 'email']) }),
    orderBy: { email: 'asc' },
    include: { agencies: { select: { agencyId: true } } },
    input: UserInput,
    patch: UserPatch,
    output: User,
    checkMerged: checkUser,
    toCreate: async ({ password, agencyIds, ...rest }) => ({
      ...rest,
      passwordHash: await hashPassword(password as string),
      agencies: { create: ((agencyIds as string[] | undefined) ?? []).map((agencyId) => ({ agencyId })) },
    }),
    toUpdate: async (patch) => {
      const { password, agencyIds, ...rest } = patch;
      return {
        ...rest,
        ...bumpIfSessionChanged(patch),
        ...(password ? { passwordHash: await hashPassword(password as string) } : {}),
        ...(agencyIds ? { agencies: { deleteMany: {}, create: (agencyIds as string[]).map((agencyId) => ({ agencyId })) } } : {}),
      };
    },
    toOutput: userOutput,
  });
}

const sectorReferences = (sectors: readonly SectorLink[] | undefined): Reference[] =>
  (sectors ?? []).map((s, i) => ({ path: `sectors[${i}].sectorId`, kind: 'sector', id: s.sectorId }));

/** Never the password hash nor the session version. */
export function userOutput(user: Data): unknown {
  const { passwordHash: _hash, tokenVersion: _version, agencies, ...rest } = user;
  return { ...rest, agencyIds: ((agencies as { agencyId: string }[] | undefined) ?? []).map((a) => a.agencyId) };
}
