// Service plans: matched on their reference; the contract, site and equipment
// named by their references. The site must be one of the contract's customer's
// and (a dispatcher) not in another agency's sector; the equipment must be at
// that site. The trigger decides which columns are needed: fixed dates, a
// frequency in months, or a counter and its interval. Skills as "CLIM:2, ELEC".
import type { Claims } from '../../auth/tokens.ts';
import { boolean, day, decimal, text } from '../cells.ts';
import { pages, resolveByKey, type Db, type DbRecord, type Delegate, type KindDefinition } from './kind.ts';
import {
  choice,
  dayList,
  dayText,
  equipmentByReference,
  equipmentOf,
  inCallersAgencies,
  integer,
  refuse,
  resolveSkillCodes,
  siteOf,
  sitesByReference,
  skillList,
  skillText,
  type SkillLevel,
} from './shared.ts';

export const INTERVENTION_KIND = choice({
  corrective: ['correctif', 'dépannage', 'panne', 'curative', 'curatif'],
  preventive: ['préventif', 'préventive', 'entretien', 'maintenance'],
  installation: ['installation', 'mise en service', 'pose'],
  regulatory: ['réglementaire', 'contrôle réglementaire', 'regulatory check'],
  other: ['autre'],
});

const TRIGGER = choice({
  fixed_dates: ['dates fixes', 'dates', 'fixed dates'],
  frequency: ['fréquence', 'périodique', 'périodicité', 'every n months'],
  usage_counter: ['compteur', "selon l'usage", 'usage', 'counter', 'usage counter'],
});

const toStored = (skills: readonly SkillLevel[]) => skills.map((s) => ({ skill: s.code, minLevel: s.level }));
const fromStored = (stored: unknown) => ((stored ?? []) as { skill: string; minLevel?: number }[]).map((s) => ({ code: s.skill, level: s.minLevel ?? 1 }));

export const servicePlans: KindDefinition = {
  kind: 'servicePlans',
  key: 'reference',
  fields: [
    {
      key: 'reference',
      column: 'reference',
      parse: text(60),
      labels: ['Référence', 'Reference', 'Réf', 'Ref', 'Référence gamme', 'Référence plan', 'N° plan', 'Service plan reference'],
    },
    { key: 'contractReference', parse: text(60), labels: ['Référence contrat', 'N° contrat', 'Contrat', 'Contract', 'Contract reference'] },
    { key: 'siteReference', parse: text(60), labels: ['Référence site', 'Code site', 'Site', 'Site reference'] },
    { key: 'equipmentReference', parse: text(60), labels: ['Référence équipement', 'N° équipement', 'Équipement', 'Equipment', 'Equipment reference'] },
    { key: 'name', column: 'name', parse: text(200), labels: ['Libellé', 'Nom', 'Gamme', 'Prestation', 'Name'] },
    { key: 'trigger', column: 'trigger', parse: TRIGGER, labels: ['Déclenchement', 'Type de plan', 'Périodicité type', 'Trigger'] },
    { key: 'fixedDates', column: 'fixedDates', parse: dayList, labels: ['Dates fixes', 'Dates', 'Fixed dates'] },
    {
      key: 'frequencyMonths',
      column: 'frequencyMonths',
      parse: integer(1, 120),
      labels: ['Fréquence (mois)', 'Fréquence', 'Périodicité', 'Frequency (months)', 'Frequency'],
    },
    { key: 'counterName', column: 'counterName', parse: text(60), labels: ['Compteur', 'Nom du compteur', 'Counter', 'Counter name'] },
    {
      key: 'counterInterval',
      column: 'counterInterval',
      parse: decimal(0.001, 1e12),
      labels: ['Intervalle compteur', 'Seuil', 'Tous les', 'Counter interval', 'Interval'],
    },
    { key: 'interventionKind', column: 'interventionKind', parse: INTERVENTION_KIND, labels: ["Type d'intervention", 'Nature', 'Intervention kind', 'Kind'] },
    { key: 'description', column: 'description', parse: text(5000), labels: ['Description', 'Consignes', 'Instructions'] },
    { key: 'skills', parse: skillList, labels: ['Compétences', 'Compétences requises', 'Habilitations', 'Skills', 'Required skills'] },
    {
      key: 'estimatedDurationMinutes',
      column: 'estimatedDurationMinutes',
      parse: integer(1, 24 * 60),
      labels: ['Durée (min)', 'Durée', 'Durée estimée', 'Duration (min)', 'Duration'],
    },
    { key: 'priority', column: 'priority', parse: integer(0, 100), labels: ['Priorité', 'Priority'] },
    { key: 'leadDays', column: 'leadDays', parse: integer(0, 365), labels: ['Délai de prévenance (jours)', 'Jours avant', 'Lead days'] },
    { key: 'lastDoneOn', column: 'lastDoneOn', parse: day, labels: ['Dernière visite', 'Fait le', 'Last done on', 'Last visit'] },
    { key: 'lastDoneCounter', column: 'lastDoneCounter', parse: decimal(0, 1e12), labels: ['Compteur à la dernière visite', 'Last done counter'] },
    { key: 'nextDueOn', column: 'nextDueOn', parse: day, labels: ['Prochaine échéance', 'Prochaine visite', 'Next due on', 'Next due'] },
    { key: 'nextDueCounter', column: 'nextDueCounter', parse: decimal(0, 1e12), labels: ['Prochain seuil compteur', 'Next due counter'] },
    { key: 'active', column: 'active', parse: boolean, labels: ['Actif', 'Active'] },
  ],
  delegate: (db: Db) => db.servicePlan as unknown as Delegate,
  existingInclude: { site: { select: { sector: { select: { agencyId: true } } } } },
  async resolve(rows, db, auth) {
    await resolveByKey(
      rows,
      'contractReference',
      'contractId',
      async (refs) =>
        (await db.contract.findMany({ where: { reference: { in: refs } }, select: { id: true, reference: true } })).map((c) => ({
          id: c.id,
          key: c.reference,
        })),
      'contract',
    );
    const contracts = new Map(
      (
        await db.contract.findMany({
          where: { id: { in: rows.map((r) => r.data.contractId).filter((v): v is string => typeof v === 'string') } },
          select: { id: true, customerId: true },
        })
      ).map((c) => [c.id, c.customerId]),
    );
    const sites = await sitesByReference(db, rows);
    const equipment = await equipmentByReference(db, rows);
    await resolveSkillCodes(db, rows);
    for (const row of rows) {
      const site = siteOf(row, sites, auth);
      if (site) {
        row.data.siteId = site.id;
        const customerId = contracts.get(row.data.contractId as string);
        if (customerId && customerId !== site.customerId) refuse(row, 'siteReference', 'not_of_customer', "this site is not one of the contract's customer's");
      }
      if ('equipmentReference' in row.values) {
        const found = equipmentOf(row, equipment, site?.id);
        if (found !== undefined) row.data.equipmentId = found?.id ?? null;
      }
      if ('skills' in row.values) row.data.requiredSkills = toStored((row.values.skills as SkillLevel[] | null) ?? []);
      if ('fixedDates' in row.data && row.data.fixedDates === null) row.data.fixedDates = [];
      // Columns the database requires: an empty cell keeps the default.
      for (const column of ['interventionKind', 'priority', 'leadDays', 'active']) if (row.data[column] === null) delete row.data[column];
      const trigger = row.data.trigger;
      if (trigger === 'fixed_dates' && !((row.data.fixedDates as Date[] | undefined) ?? []).length)
        refuse(row, 'fixedDates', 'required', 'required when the plan runs on fixed dates');
      if (trigger === 'frequency' && row.data.frequencyMonths == null) refuse(row, 'frequencyMonths', 'required', 'required when the plan runs every N months');
      if (trigger === 'usage_counter') {
        if (row.data.counterName == null) refuse(row, 'counterName', 'required', 'required when the plan follows a counter');
        if (row.data.counterInterval == null) refuse(row, 'counterInterval', 'required', 'required when the plan follows a counter');
      }
    }
  },
  checkExisting(existing: DbRecord, auth: Claims) {
    const agencyId = (existing.site as { sector: { agencyId: string } | null }).sector?.agencyId;
    if (!agencyId || inCallersAgencies(auth, agencyId)) return null;
    return {
      field: 'reference',
      column: null,
      code: 'not_your_agency',
      message: "this plan's site is in another agency's sector: only that agency or an admin may change it",
    };
  },
  async dependents(db, ids) {
    const interventions = await db.intervention.count({ where: { servicePlanId: { in: [...ids] } } });
    return interventions ? `service plans this import created have generated ${interventions} intervention(s) since` : null;
  },
  async *exportRows(db, auth) {
    const where = auth.role === 'admin' ? {} : { OR: [{ site: { sectorId: null } }, { site: { sector: { agencyId: { in: [...auth.agencyIds] } } } }] };
    const include = { contract: { select: { reference: true } }, site: { select: { reference: true } }, equipment: { select: { reference: true } } };
    for await (const page of pages(servicePlans.delegate(db), { where, include })) {
      for (const p of page) {
        yield {
          fields: {
            reference: p.reference as string | null,
            contractReference: (p.contract as { reference: string }).reference,
            siteReference: (p.site as { reference: string | null }).reference,
            equipmentReference: (p.equipment as { reference: string | null } | null)?.reference ?? null,
            name: p.name as string,
            trigger: p.trigger as string,
            fixedDates: (p.fixedDates as Date[]).map(dayText).join(', ') || null,
            frequencyMonths: p.frequencyMonths as number | null,
            counterName: p.counterName as string | null,
            counterInterval: p.counterInterval as number | null,
            interventionKind: p.interventionKind as string,
            description: p.description as string | null,
            skills: skillText(fromStored(p.requiredSkills)),
            estimatedDurationMinutes: p.estimatedDurationMinutes as number,
            priority: p.priority as number,
            leadDays: p.leadDays as number,
            lastDoneOn: p.lastDoneOn as Date | null,
            lastDoneCounter: p.lastDoneCounter as number | null,
            nextDueOn: p.nextDueOn as Date | null,
            nextDueCounter: p.nextDueCounter as number | null,
            active: p.active as boolean,
          },
        };
      }
    }
  },
};
