// About 400 customers' sites at real towns' coordinates (private homes
// mostly, some campsites, hotels, condominiums, shops and town halls), and
// their installed base: heat pumps, gas boilers, air conditioners, pool
// filtrations and pool heat pumps with brand, model, serial number, "as sold"
// and "as maintained" configurations, install date, warranty end, usage
// counters, and the history that explains the difference.
import type { Prisma } from '../../generated/prisma/client.ts';
import { addDays, addMonths, dateFromDay, daysBetween, type Day } from '@tournee/contracts/calendar';
import { BUSINESSES, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, STREETS, emailLocalPart, fictionalPhone } from '../catalogue/people.ts';
import { ACCESS_NOTES, COUNTERS, MAINTENANCE_CHANGES, PRODUCTS, type Category } from '../catalogue/trade.ts';
import type { Place } from '../places.ts';
import { at, scatter, type BuildContext } from './context.ts';
import type { BuiltAgency, BuiltSector, Organisation } from './organisation.ts';

export const SITE_COUNT = 400;

export interface BuiltEquipment {
  id: string;
  category: Category;
  installedOn: Day;
  large: boolean;
  counters: Record<string, number>;
}

export interface BuiltSite {
  id: string;
  customerId: string;
  agency: BuiltAgency;
  sector: BuiltSector;
  lat: number;
  lon: number;
  business: boolean;
  equipment: BuiltEquipment[];
}

export interface InstalledBase {
  customers: Prisma.CustomerCreateManyInput[];
  sites: Prisma.SiteCreateManyInput[];
  equipment: Prisma.EquipmentCreateManyInput[];
  equipmentEvents: Prisma.EquipmentEventCreateManyInput[];
  built: BuiltSite[];
}

export function buildInstalledBase(ctx: BuildContext, org: Organisation, technicianCounts: Map<string, number>): InstalledBase {
  const { r } = ctx;
  const out: InstalledBase = { customers: [], sites: [], equipment: [], equipmentEvents: [], built: [] };
  const totalTechnicians = [...technicianCounts.values()].reduce((a, b) => a + b, 0);
  let phone = 0;

  // Sites per agency follow its workforce; within an agency, towns weigh by
  // the square root of their population (cities dominate, villages appear).
  const slots: Array<{ agency: BuiltAgency; sector: BuiltSector; place: Place }> = [];
  org.built.forEach((agency, i) => {
    const share = i === org.built.length - 1 ? SITE_COUNT - slots.length : Math.round((SITE_COUNT * technicianCounts.get(agency.id)!) / totalTechnicians);
    const towns = agency.sectors.flatMap((sector) => sector.places.map((place) => ({ agency, sector, place })));
    for (let k = 0; k < share; k++) slots.push(r.weighted(towns, (t) => Math.sqrt(t.place.population)));
  });

  let personCustomer: { id: string; name: string } | undefined;
  for (const slot of slots) {
    // One private customer in fifteen also has a second home we look after.
    const secondHome = personCustomer !== undefined && r.chance(1 / 15);
    const business = !secondHome && r.chance(0.1);
    let customerId: string;
    let siteName: string | null = null;
    let contactName: string | null = null;
    const city = slot.place.city ?? slot.place.place;
    const kind = business ? r.pick(BUSINESSES) : null;

    if (secondHome) {
      customerId = personCustomer!.id;
      siteName = 'Résidence secondaire';
      personCustomer = undefined;
    } else {
      customerId = r.uuid();
      const reference = `CLI-${String(10_000 + out.customers.length * 7).padStart(6, '0')}`;
      if (kind) {
        const name = kind.kind === 'town' ? `Commune de ${city}` : `${kind.name} (${city})`;
        if (kind.kind === 'town') siteName = kind.name.replace(/^Mairie — /, '');
        contactName = `${r.pick([...FIRST_NAMES_F, ...FIRST_NAMES_M])} ${r.pick(LAST_NAMES)}`;
        out.customers.push({
          id: customerId,
          reference,
          name,
          email: `contact@${emailLocalPart(kind.name).replace(/\./g, '-')}.example.com`,
          phone: fictionalPhone(false, ++phone),
        });
      } else {
        const female = r.chance(0.5);
        const first = r.pick(female ? FIRST_NAMES_F : FIRST_NAMES_M);
        const last = r.pick(LAST_NAMES);
        const couple = r.chance(0.25);
        const name = couple ? `M. et Mme ${first} ${last}` : `${female ? 'Mme' : 'M.'} ${first} ${last}`;
        out.customers.push({
          id: customerId,
          reference,
          name,
          email: r.chance(0.8) ? `${emailLocalPart(first, last)}@example.com` : null,
          phone: fictionalPhone(r.chance(0.7), ++phone),
        });
        personCustomer = { id: customerId, name };
      }
    }

    const point = scatter(r, slot.place);
    const siteId = r.uuid();
    const street = r.pick(STREETS);
    out.sites.push({
      id: siteId,
      customerId,
      sectorId: slot.sector.id,
      name: siteName ?? (kind ? kind.name.replace(/ — .*/, '') : null),
      address: `${street.startsWith('lotissement') || street.startsWith('place') ? '' : `${r.between(1, 180)} `}${street}`,
      postcode: slot.place.postcode,
      city,
      lat: point.lat,
      lon: point.lon,
      accessNotes: r.chance(0.3) ? r.pick(ACCESS_NOTES) : null,
      contactName,
      contactPhone: contactName ? fictionalPhone(true, ++phone) : null,
    });
    const site: BuiltSite = {
      id: siteId,
      customerId,
      agency: slot.agency,
      sector: slot.sector,
      lat: point.lat,
      lon: point.lon,
      business,
      equipment: [],
    };
    for (const category of chooseEquipment(ctx, kind?.kind ?? null, slot.place)) {
      site.equipment.push(addEquipment(ctx, out, siteId, category, business));
    }
    out.built.push(site);
  }
  return out;
}

function chooseEquipment(ctx: BuildContext, kind: string | null, place: Place): Category[] {
  const { r } = ctx;
  switch (kind) {
    case 'camping':
      return ['pool_filtration', 'pool_heat_pump', 'heat_pump', 'air_conditioner'];
    case 'hotel':
      return ['heat_pump', 'air_conditioner', ...(r.chance(0.6) ? (['pool_filtration'] as const) : [])];
    case 'gite':
      return ['pool_filtration', 'heat_pump'];
    case 'condo':
      return ['gas_boiler', ...(r.chance(0.5) ? (['pool_filtration'] as const) : [])];
    case 'town':
      return r.chance(0.6) ? ['pool_filtration', 'pool_heat_pump'] : ['gas_boiler'];
    case 'shop':
    case 'office':
      return ['air_conditioner', ...(r.chance(0.5) ? (['heat_pump'] as const) : [])];
  }
  // A private home: heating by heat pump or gas, air conditioning, and in
  // Provence a pool in many gardens (fewer in central Marseille flats).
  const flat = place.place.startsWith('Marseille') && /0[1-7]$/.test(place.place);
  const categories: Category[] = [];
  const heating = r.next();
  if (heating < 0.45) categories.push('heat_pump');
  else if (heating < 0.85) categories.push('gas_boiler');
  if (r.chance(0.35)) categories.push('air_conditioner');
  if (r.chance(flat ? 0.05 : 0.4)) {
    categories.push('pool_filtration');
    if (r.chance(0.35)) categories.push('pool_heat_pump');
  }
  if (categories.length === 0) categories.push(r.chance(0.5) ? 'air_conditioner' : 'gas_boiler');
  return categories;
}

const EARLIEST_INSTALL_YEAR: Record<Category, number> = {
  heat_pump: 2012,
  gas_boiler: 2006,
  air_conditioner: 2010,
  pool_filtration: 2004,
  pool_heat_pump: 2012,
};

function addEquipment(ctx: BuildContext, out: InstalledBase, siteId: string, category: Category, large: boolean): BuiltEquipment {
  const { r, today } = ctx;
  const product = r.pick(PRODUCTS[category]);
  const earliest = `${EARLIEST_INSTALL_YEAR[category]}-01-01`;
  const installedOn = addDays(earliest, r.between(0, daysBetween(earliest, addDays(today, -60))));
  const asSold = product.asSold(r, large);
  const asMaintained = { ...asSold };
  const id = r.uuid();
  const events: Prisma.EquipmentEventCreateManyInput[] = [
    {
      id: r.uuid(),
      equipmentId: id,
      kind: 'installed',
      occurredAt: at(installedOn, 9 * 60),
      summary: `Installation ${product.brand} ${product.model}`,
      data: { as_sold: asSold },
    },
    { id: r.uuid(), equipmentId: id, kind: 'commissioned', occurredAt: at(installedOn, 16 * 60), summary: 'Mise en service et réglages', data: {} },
  ];
  // What the technicians found and changed since: the "as maintained" drift.
  const age = daysBetween(installedOn, today);
  for (const change of r.sample(MAINTENANCE_CHANGES[category], age > 730 ? r.between(0, 2) : 0)) {
    const before = { ...asMaintained };
    change.apply(asMaintained, r);
    const changed = Object.keys(asMaintained).filter((k) => asMaintained[k] !== before[k]);
    events.push({
      id: r.uuid(),
      equipmentId: id,
      kind: 'configuration_changed',
      occurredAt: at(addDays(installedOn, r.between(180, age - 30)), r.between(8 * 60, 17 * 60)),
      summary: change.summary,
      data: { changes: Object.fromEntries(changed.map((k) => [k, { from: before[k] ?? null, to: asMaintained[k] ?? null }])) },
    });
  }

  // Two years of legal warranty; heat pumps carry five on the compressor,
  // and some customers bought an extension.
  let warrantyEndsOn = addMonths(installedOn, category === 'heat_pump' ? 60 : 24);
  if (r.chance(0.1)) {
    warrantyEndsOn = addMonths(warrantyEndsOn, 36);
    events.push({
      id: r.uuid(),
      equipmentId: id,
      kind: 'warranty_extended',
      occurredAt: at(addDays(installedOn, 30), 10 * 60),
      summary: 'Extension de garantie de 3 ans souscrite',
      data: { until: warrantyEndsOn },
    });
  }

  const spec = COUNTERS[category];
  const readOn = addDays(today, -r.between(0, 150));
  const hours = Math.round((daysBetween(installedOn, readOn) / 365) * spec.perYear * r.real(0.7, 1.3) * (large ? 1.6 : 1));
  const counters: Record<string, number> = { [spec.name]: hours };
  if (spec.second) counters[spec.second.name] = Math.round(hours * spec.second.perHour * r.real(0.8, 1.2));
  events.push({
    id: r.uuid(),
    equipmentId: id,
    kind: 'counter_reading',
    occurredAt: at(readOn, r.between(8 * 60, 17 * 60)),
    summary: 'Relevé des compteurs',
    data: counters,
  });

  out.equipment.push({
    id,
    siteId,
    category,
    brand: product.brand,
    model: product.model,
    serialNumber: `${product.serialPrefix}${installedOn.slice(2, 4)}${String(r.between(0, 99_999_999)).padStart(8, '0')}`,
    asSold,
    asMaintained,
    installedOn: dateFromDay(installedOn),
    warrantyEndsOn: dateFromDay(warrantyEndsOn),
    counters,
    countersReadAt: at(readOn, 12 * 60),
  });
  out.equipmentEvents.push(...events);
  return { id, category, installedOn, large, counters };
}
