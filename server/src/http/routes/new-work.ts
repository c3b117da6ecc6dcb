// Creating ordinary work from the board (issue 12): the search the form and
// the urgent panel share, the towns a new site is placed in, and one request
// creating the visit together with the customer, site and equipment it brings
// — all or nothing, in one transaction, so a refused visit never leaves a
// customer without work behind it.
import { newQueuedInterventionChange } from '../../realtime/broadcaster.ts';
import { NewWorkInput, Intervention, PlaceAnswer, PlaceQuery, WorkSearchAnswer, WorkSearchQuery, allowedTransitions } from '@tournee/contracts/api';
import { canManageAgency } from '../../auth/scope.ts';
import type { Claims } from '../../auth/tokens.ts';
import { flagInterventionCoverage } from '../../back-office/index.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { searchPlaces } from '../../search/places.ts';
import { searchWork } from '../../search/work-search.ts';
import { daysToDates } from '../crud.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError, forbidden, type ErrorDetail } from '../errors.ts';
import type { ApiRegistry } from '../registry.ts';

const TAG = 'New work';
const OFFICE = ['admin', 'dispatcher'] as const;

const refused = (status: 403 | 422, path: string, message: string) => new HttpError(status, `${path}: ${message}`, [{ path, in: 'body', message }]);

export function newWorkRoutes(api: ApiRegistry, { prisma, broadcaster, log = () => {} }: AppDeps): void {
  const agenciesOf = (auth: Claims, agencyId: string | undefined) => (agencyId ? [agencyId] : auth.role === 'admin' ? null : [...auth.agencyIds]);

  api.route(
    {
      method: 'get',
      path: '/api/work/search',
      summary: 'Find a customer, site or equipment to create work for (by name, contact, phone, number, address, town, postcode, serial number)',
      description:
        "Only what the caller's agencies serve: sites in their sectors (the query's agency's only when given), customers with such a site or with no site yet. " +
        'Each customer once, best match first, with those sites (matching ones first) and their active equipment. Case and accents are ignored.',
      tag: TAG,
      roles: OFFICE,
      query: WorkSearchQuery,
      response: WorkSearchAnswer,
    },
    async ({ auth, query }) => searchWork(prisma, auth, query),
  );

  api.route(
    {
      method: 'get',
      path: '/api/work/places',
      summary: "French towns by name, with the caller's sector each falls in: where to place a new site",
      tag: TAG,
      roles: OFFICE,
      query: PlaceQuery,
      response: PlaceAnswer,
    },
    async ({ auth, query }) => ({ places: await searchPlaces(prisma, query.q, agenciesOf(auth, query.agencyId)) }),
  );

  api.route(
    {
      method: 'post',
      path: '/api/work/interventions',
      summary: 'Create an intervention, with a new customer, site or equipment when it brings one (all or nothing)',
      description:
        "An existing customer must be one the agency serves (a site in its sectors) or have no site yet; an existing site must be that customer's, in one of the agency's sectors; " +
        "an existing equipment must be on that site. A new site must name one of the agency's sectors. The visit is created as requested, unassigned.",
      tag: TAG,
      roles: OFFICE,
      body: NewWorkInput,
      response: Intervention,
      status: 201,
      errors: [403, 422],
    },
    async ({ auth, body }) => {
      if (!canManageAgency(auth, body.agencyId)) throw forbidden(`agency ${body.agencyId} is not one of yours`);
      const created = await prisma.$transaction(async (tx) => {
        const customerId = await customerFor(tx, body);
        const siteId = await siteFor(tx, body, customerId);
        const equipmentId = await equipmentFor(tx, body, siteId);
        await checkCatalogue(tx, body);
        const { agencyId, kind, problemDescription, priority, estimatedDurationMinutes, earliestDate, latestDate, timeWindows } = body;
        const dates = daysToDates({ earliestDate, latestDate }) as { earliestDate?: Date | null; latestDate?: Date | null };
        return tx.intervention.create({
          data: {
            agencyId,
            kind,
            problemDescription: problemDescription ?? null,
            priority,
            estimatedDurationMinutes,
            ...dates,
            timeWindows: timeWindows ?? [],
            siteId,
            equipmentId,
            requiredSkills: { create: body.requiredSkills ?? [] },
            partsNeeded: { create: body.parts ?? [] },
          },
          include: { requiredSkills: { select: { skillId: true, minLevel: true } }, site: { select: { sectorId: true } } },
        });
      });
      // As POST /api/interventions does: the warranty flag can be recomputed later, so a failure here loses nothing.
      await flagInterventionCoverage(prisma, created.id, { occasion: 'request' }).catch((error: unknown) =>
        log(`intervention ${created.id} created, its warranty flag not computed: ${error instanceof Error ? error.message : String(error)}`),
      );
      broadcaster?.interventionChanged(newQueuedInterventionChange(created));
      const { site: _site, ...row } = created;
      return { ...row, allowedTransitions: allowedTransitions(row.status, auth.role, false) };
    },
  );
}

type Tx = Prisma.TransactionClient;

/** The existing customer (one the agency serves, or with no site yet), or the new one created. */
async function customerFor(tx: Tx, body: NewWorkInput): Promise<string> {
  if ('new' in body.customer) return (await tx.customer.create({ data: body.customer.new, select: { id: true } })).id;
  const customer = await tx.customer.findUnique({
    where: { id: body.customer.id },
    select: { id: true, _count: { select: { sites: true } }, sites: { where: { sector: { agencyId: body.agencyId } }, select: { id: true }, take: 1 } },
  });
  if (!customer) throw refused(422, 'customer.id', 'no such customer');
  if (customer._count.sites > 0 && customer.sites.length === 0) throw refused(403, 'customer.id', 'this customer has no site in your agency');
  return customer.id;
}

async function siteFor(tx: Tx, body: NewWorkInput, customerId: string): Promise<string> {
  if ('new' in body.site) {
    const { sectorId } = body.site.new;
    if (!sectorId) throw refused(422, 'site.new.sectorId', "required: the site must fall in one of the agency's sectors (choose its town)");
    const sector = await tx.sector.findUnique({ where: { id: sectorId }, select: { agencyId: true } });
    if (!sector) throw refused(422, 'site.new.sectorId', 'no such sector');
    if (sector.agencyId !== body.agencyId) throw refused(422, 'site.new.sectorId', "not one of the agency's sectors");
    return (await tx.site.create({ data: { ...body.site.new, customerId }, select: { id: true } })).id;
  }
  const site = await tx.site.findUnique({ where: { id: body.site.id }, select: { id: true, customerId: true, sector: { select: { agencyId: true } } } });
  if (!site) throw refused(422, 'site.id', 'no such site');
  if (site.sector?.agencyId !== body.agencyId) throw refused(403, 'site.id', "this site is not in one of the agency's sectors");
  if (site.customerId !== customerId) throw refused(422, 'site.id', "this site is not the customer's");
  return site.id;
}

async function equipmentFor(tx: Tx, body: NewWorkInput, siteId: string): Promise<string | null> {
  if (!body.equipment) return null;
  if ('new' in body.equipment) {
    const data = daysToDates(body.equipment.new as Record<string, unknown>) as typeof body.equipment.new;
    return (await tx.equipment.create({ data: { ...data, siteId } as Prisma.EquipmentUncheckedCreateInput, select: { id: true } })).id;
  }
  const equipment = await tx.equipment.findUnique({ where: { id: body.equipment.id }, select: { id: true, siteId: true } });
  if (!equipment) throw refused(422, 'equipment.id', 'no such equipment');
  if (equipment.siteId !== siteId) throw refused(422, 'equipment.id', 'this equipment is not on the site');
  return equipment.id;
}

/** Skills and parts named must exist (and the parts still be sold): each refusal names its field. */
async function checkCatalogue(tx: Tx, body: NewWorkInput): Promise<void> {
  const skills = body.requiredSkills ?? [];
  const parts = body.parts ?? [];
  const [knownSkills, knownParts] = await Promise.all([
    skills.length ? tx.skill.findMany({ where: { id: { in: skills.map((s) => s.skillId) } }, select: { id: true } }) : [],
    parts.length ? tx.part.findMany({ where: { id: { in: parts.map((p) => p.partId) } }, select: { id: true, active: true } }) : [],
  ]);
  const details: ErrorDetail[] = [];
  skills.forEach((s, i) => {
    if (!knownSkills.some((k) => k.id === s.skillId)) details.push({ path: `requiredSkills[${i}].skillId`, in: 'body', message: 'no such skill' });
  });
  parts.forEach((p, i) => {
    const part = knownParts.find((k) => k.id === p.partId);
    if (!part) details.push({ path: `parts[${i}].partId`, in: 'body', message: 'no such part' });
    else if (!part.active) details.push({ path: `parts[${i}].partId`, in: 'body', message: 'this part is no longer sold' });
  });
  if (details.length) throw new HttpError(422, `${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
}
