// Technicians: matched on their reference (the employee number in HR or the
// ERP); their agency by its code (one of the caller's for a dispatcher), their
// skills with levels ("CLIM:3, ELEC:1") and usual sectors (codes of their
// agency) replaced by the file's when the column is there.
//
// No user account is created: the planning needs only the technician; an
// account is a login with a password or an invitation and a role, given by an
// admin on the users screen (and a technician without the app is still planned).
import type { Claims } from '../../auth/tokens.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { boolean, decimal, email, text } from '../cells.ts';
import { pages, type Db, type DbRecord, type Delegate, type KindDefinition } from './kind.ts';
import { agenciesByCode, agencyOf, codeList, inCallersAgencies, refuse, resolveSkillCodes, skillList, skillText, type SkillLevel } from './shared.ts';

export const technicians: KindDefinition = {
  kind: 'technicians',
  key: 'reference',
  fields: [
    {
      key: 'reference',
      column: 'reference',
      parse: text(60),
      labels: ['Matricule', 'Référence', 'Reference', 'Réf', 'Ref', 'Référence technicien', 'Employee number', 'Technician reference'],
    },
    { key: 'firstName', column: 'firstName', parse: text(100), labels: ['Prénom', 'First name', 'Given name'] },
    { key: 'lastName', column: 'lastName', parse: text(100), labels: ['Nom', 'Nom de famille', 'Last name', 'Surname', 'Family name'] },
    { key: 'agencyCode', parse: text(40), labels: ['Agence', 'Code agence', 'Agency', 'Agency code'] },
    { key: 'email', column: 'email', parse: email, labels: ['Courriel', 'E-mail', 'Email', 'Mail'] },
    { key: 'phone', column: 'phone', parse: text(40), labels: ['Téléphone', 'Tél', 'Portable', 'Mobile', 'Phone'] },
    { key: 'homeAddress', column: 'homeAddress', parse: text(300), labels: ['Adresse domicile', 'Domicile', 'Adresse', 'Home address', 'Address'] },
    { key: 'homeLat', column: 'homeLat', parse: decimal(-90, 90), labels: ['Latitude domicile', 'Latitude', 'Lat', 'Home latitude'] },
    { key: 'homeLon', column: 'homeLon', parse: decimal(-180, 180), labels: ['Longitude domicile', 'Longitude', 'Lon', 'Lng', 'Home longitude'] },
    { key: 'skills', parse: skillList, labels: ['Compétences', 'Compétences (niveau)', 'Habilitations', 'Skills'] },
    { key: 'sectors', parse: codeList, labels: ['Secteurs', 'Secteur', 'Sectors', 'Sector'] },
    { key: 'active', column: 'active', parse: boolean, labels: ['Actif', 'En activité', 'Active'] },
  ],
  delegate: (db: Db) => db.technician as unknown as Delegate,
  relations: ['skills', 'sectors'],
  existingInclude: {
    skills: { select: { level: true, skill: { select: { code: true } } } },
    sectors: { select: { sector: { select: { code: true } } } },
  },
  existingView(record) {
    const skills = (record.skills as { level: number; skill: { code: string } }[]).map((s) => ({ code: s.skill.code, level: s.level }));
    const sectors = (record.sectors as { sector: { code: string } }[]).map((s) => s.sector.code);
    return { ...record, skills: skills.sort((a, b) => (a.code < b.code ? -1 : 1)), sectors: sectors.sort() };
  },
  async resolve(rows, db, auth) {
    const agencies = await agenciesByCode(db, rows, auth);
    await resolveSkillCodes(db, rows);
    const sectorCodes = [...new Set(rows.flatMap((r) => (r.values.sectors as string[] | null | undefined) ?? []))];
    const sectors = sectorCodes.length ? await db.sector.findMany({ where: { code: { in: sectorCodes } }, select: { code: true, agencyId: true } }) : [];
    for (const row of rows) {
      const agency = agencyOf(row, agencies, auth);
      if (agency) row.data.agencyId = agency.id;
      if ('skills' in row.values) row.data.skills = row.values.skills ?? [];
      if ('sectors' in row.values) {
        const codes = (row.values.sectors as string[] | null) ?? [];
        const missing = agency ? codes.filter((c) => !sectors.some((s) => s.code === c && s.agencyId === agency.id)) : [];
        if (missing.length) refuse(row, 'sectors', 'unknown_reference', `no sector ${missing.join(', ')} in agency ${String(row.values.agencyCode)}`);
        row.data.sectors = codes;
      }
      if (row.data.active === null) delete row.data.active; // required column: an empty cell keeps them active
    }
  },
  async writeRelations(tx, id, values) {
    if ('skills' in values) {
      const skills = (values.skills as SkillLevel[] | null) ?? [];
      await tx.technicianSkill.deleteMany({ where: { technicianId: id } });
      if (skills.length) {
        const ids = new Map(
          (await tx.skill.findMany({ where: { code: { in: skills.map((s) => s.code) } }, select: { id: true, code: true } })).map((s) => [s.code, s.id]),
        );
        await tx.technicianSkill.createMany({ data: skills.map((s) => ({ technicianId: id, skillId: ids.get(s.code)!, level: s.level })) });
      }
    }
    if ('sectors' in values) {
      const codes = (values.sectors as string[] | null) ?? [];
      await tx.technicianSector.deleteMany({ where: { technicianId: id } });
      if (codes.length) {
        const { agencyId } = await tx.technician.findUniqueOrThrow({ where: { id }, select: { agencyId: true } });
        const found = await tx.sector.findMany({ where: { code: { in: codes }, agencyId }, select: { id: true } });
        await tx.technicianSector.createMany({ data: found.map((s) => ({ technicianId: id, sectorId: s.id, primary: found.length === 1 })) });
      }
    }
  },
  checkExisting(existing: DbRecord, auth: Claims) {
    if (inCallersAgencies(auth, existing.agencyId as string)) return null;
    return {
      field: 'reference',
      column: null,
      code: 'not_your_agency',
      message: 'this technician works for another agency: only that agency or an admin may change them',
    };
  },
  async dependents(db, ids) {
    const where = { technicianId: { in: [...ids] } };
    const [interventions, tours, vans, users] = await Promise.all([
      db.intervention.count({ where }),
      db.tour.count({ where }),
      db.depot.count({ where }),
      db.user.count({ where }),
    ]);
    if (interventions + tours + vans + users === 0) return null;
    return `technicians this import created are used since (${interventions} intervention(s), ${tours} tour(s), ${vans} van(s), ${users} account(s))`;
  },
  async *exportRows(db, auth, agencyId) {
    const where: Prisma.TechnicianWhereInput =
      auth.role === 'admin' ? (agencyId ? { agencyId } : {}) : { agencyId: agencyId ? agencyId : { in: [...auth.agencyIds] } };
    const include = { agency: { select: { code: true } }, ...(technicians.existingInclude as object) };
    for await (const page of pages(technicians.delegate(db), { where, include })) {
      for (const record of page) {
        const t = technicians.existingView!(record);
        yield {
          fields: {
            reference: t.reference as string | null,
            firstName: t.firstName as string,
            lastName: t.lastName as string,
            agencyCode: (t.agency as { code: string }).code,
            email: t.email as string | null,
            phone: t.phone as string | null,
            homeAddress: t.homeAddress as string | null,
            homeLat: t.homeLat as number | null,
            homeLon: t.homeLon as number | null,
            skills: skillText(t.skills as SkillLevel[]),
            sectors: (t.sectors as string[]).join(', ') || null,
            active: t.active as boolean,
          },
        };
      }
    }
  },
};
