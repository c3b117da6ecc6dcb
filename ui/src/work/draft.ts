// The "Nouvelle intervention" form as data: what the dispatcher has chosen or
// typed, its checks (each naming the field and a message key, so the form
// marks the field and says why in the user's language), and the request it
// becomes. Time windows are hours of the day; the server stores instants, so
// each window is repeated on every day from the start date to the due date,
// in the agency's time zone (the engine merges them back into daily windows).
import { zonedInstant } from '@tournee/contracts/zoned-time';
import type { CustomerHit, NewWorkInput, Place, SiteHit } from './api.ts';

export type Kind = 'corrective' | 'preventive' | 'installation' | 'regulatory' | 'other';
export const KINDS: readonly Kind[] = ['preventive', 'corrective', 'installation', 'regulatory', 'other'];
/** Priority steps offered, with the value stored (0–100; 80 and up count as urgent on the board). */
export const PRIORITIES = { low: 20, normal: 40, high: 60, urgent: 85 } as const;
export type PriorityStep = keyof typeof PRIORITIES;
export const DURATIONS = [15, 30, 45, 60, 90, 120, 180, 240, 360, 480] as const;
export const EQUIPMENT_CATEGORIES = [
  'heat_pump',
  'air_conditioner',
  'gas_boiler',
  'boiler',
  'water_heater',
  'ventilation',
  'pool_filtration',
  'pool_heat_pump',
] as const;
/** The server takes at most 20 windows: one window a day for 20 days, two for 10. */
export const MAX_WINDOWS = 20;

export type CustomerChoice =
  { readonly kind: 'existing'; readonly hit: CustomerHit } | { readonly kind: 'new'; readonly name: string; readonly phone: string; readonly email: string };
export type SiteChoice =
  | { readonly kind: 'existing'; readonly hit: SiteHit }
  | {
      readonly kind: 'new';
      readonly address: string;
      readonly postcode: string;
      readonly place: Place | null;
      readonly contactName: string;
      readonly contactPhone: string;
      readonly accessNotes: string;
    };
export type EquipmentChoice =
  | { readonly kind: 'none' }
  | { readonly kind: 'existing'; readonly id: string }
  | { readonly kind: 'new'; readonly category: string; readonly brand: string; readonly model: string; readonly serialNumber: string };

export interface TimeWindowDraft {
  /** "HH:MM". */
  readonly start: string;
  readonly end: string;
}

export interface PartDraft {
  readonly partId: string;
  readonly label: string;
  readonly quantity: number;
}

export interface WorkDraft {
  readonly customer: CustomerChoice | null;
  readonly site: SiteChoice | null;
  readonly equipment: EquipmentChoice;
  readonly kind: Kind;
  readonly problem: string;
  /** Skill id → minimum level (1–5). */
  readonly skills: Readonly<Record<string, number>>;
  readonly durationMinutes: number;
  readonly earliestDate: string;
  readonly latestDate: string;
  readonly windows: readonly TimeWindowDraft[];
  readonly priority: PriorityStep;
  readonly parts: readonly PartDraft[];
}

export function emptyDraft(day: string): WorkDraft {
  return {
    customer: null,
    site: null,
    equipment: { kind: 'none' },
    kind: 'preventive',
    problem: '',
    skills: {},
    durationMinutes: 60,
    earliestDate: day,
    latestDate: addDays(day, 14),
    windows: [],
    priority: 'normal',
    parts: [],
  };
}

export type NewSite = Extract<SiteChoice, { kind: 'new' }>;

export const newSite = (place: Place | null = null): NewSite => ({
  kind: 'new',
  address: '',
  postcode: place?.postcode ?? '',
  place,
  contactName: '',
  contactPhone: '',
  accessNotes: '',
});

/** Field → message key under `work.error` (with its values). */
export type DraftErrors = Partial<Record<DraftField, { key: ErrorKey; values?: Record<string, number> }>>;
export type DraftField =
  | 'customer'
  | 'customerName'
  | 'customerEmail'
  | 'site'
  | 'address'
  | 'town'
  | 'postcode'
  | 'category'
  | 'duration'
  | 'latestDate'
  | `window${number}`
  | 'windows'
  | `part${number}`;
export type ErrorKey =
  | 'customer'
  | 'customerName'
  | 'email'
  | 'site'
  | 'address'
  | 'town'
  | 'townOutside'
  | 'postcode'
  | 'category'
  | 'duration'
  | 'dates'
  | 'window'
  | 'windowsOverlap'
  | 'tooManyDays'
  | 'quantity';

const minutesOf = (hhmm: string): number | null => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

export function checkDraft(d: WorkDraft): DraftErrors {
  const errors: DraftErrors = {};
  if (!d.customer) errors.customer = { key: 'customer' };
  else if (d.customer.kind === 'new') {
    if (!d.customer.name.trim()) errors.customerName = { key: 'customerName' };
    if (d.customer.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.customer.email.trim())) errors.customerEmail = { key: 'email' };
  }
  if (!d.site) errors.site = { key: 'site' };
  else if (d.site.kind === 'new') {
    if (!d.site.address.trim()) errors.address = { key: 'address' };
    if (!d.site.place) errors.town = { key: 'town' };
    else if (!d.site.place.sectorId) errors.town = { key: 'townOutside' };
    if (!/^\d{5}$/.test(d.site.postcode.trim())) errors.postcode = { key: 'postcode' };
  }
  if (d.equipment.kind === 'new' && !d.equipment.category.trim()) errors.category = { key: 'category' };
  if (!Number.isInteger(d.durationMinutes) || d.durationMinutes < 5 || d.durationMinutes > 24 * 60) errors.duration = { key: 'duration' };
  if (d.earliestDate && d.latestDate && d.latestDate < d.earliestDate) errors.latestDate = { key: 'dates' };
  const ranges = d.windows.map((w) => [minutesOf(w.start), minutesOf(w.end)] as const);
  ranges.forEach(([s, e], i) => {
    if (s === null || e === null || e <= s) errors[`window${i}`] = { key: 'window' };
  });
  const [a, b] = ranges;
  if (a && b && a[0] !== null && a[1] !== null && b[0] !== null && b[1] !== null && a[0] < b[1] && b[0] < a[1]) errors.windows = { key: 'windowsOverlap' };
  if (d.windows.length > 0 && !errors.latestDate) {
    const maxDays = Math.floor(MAX_WINDOWS / d.windows.length);
    if (!d.earliestDate || !d.latestDate || daysBetween(d.earliestDate, d.latestDate) + 1 > maxDays)
      errors.windows = { key: 'tooManyDays', values: { days: maxDays } };
  }
  d.parts.forEach((p, i) => {
    if (!Number.isInteger(p.quantity) || p.quantity < 1 || p.quantity > 999) errors[`part${i}`] = { key: 'quantity' };
  });
  return errors;
}

/** The request for POST /api/work/interventions; call after checkDraft found nothing. */
export function toNewWork(d: WorkDraft, agencyId: string, timeZone: string): NewWorkInput {
  if (!d.customer || !d.site) throw new Error('toNewWork: the draft has no customer or site (checkDraft first)');
  const blank = (s: string) => (s.trim() ? s.trim() : undefined);
  const customer =
    d.customer.kind === 'existing'
      ? { id: d.customer.hit.id }
      : { new: { name: d.customer.name.trim(), phone: blank(d.customer.phone), email: blank(d.customer.email) } };
  const site =
    d.site.kind === 'existing'
      ? { id: d.site.hit.id }
      : {
          new: {
            address: d.site.address.trim(),
            postcode: d.site.postcode.trim(),
            city: d.site.place!.name,
            lat: d.site.place!.lat,
            lon: d.site.place!.lon,
            sectorId: d.site.place!.sectorId,
            contactName: blank(d.site.contactName),
            contactPhone: blank(d.site.contactPhone),
            accessNotes: blank(d.site.accessNotes),
          },
        };
  const equipment =
    d.equipment.kind === 'none'
      ? undefined
      : d.equipment.kind === 'existing'
        ? { id: d.equipment.id }
        : {
            new: {
              category: d.equipment.category.trim(),
              brand: blank(d.equipment.brand),
              model: blank(d.equipment.model),
              serialNumber: blank(d.equipment.serialNumber),
            },
          };
  const timeWindows = [];
  if (d.windows.length > 0) {
    for (let day = d.earliestDate; day <= d.latestDate; day = addDays(day, 1)) {
      for (const w of d.windows) {
        timeWindows.push({
          start: zonedInstant(day, minutesOf(w.start)!, timeZone).toISOString(),
          end: zonedInstant(day, minutesOf(w.end)!, timeZone).toISOString(),
        });
      }
    }
  }
  return {
    agencyId,
    customer,
    site,
    ...(equipment ? { equipment } : {}),
    kind: d.kind,
    problemDescription: blank(d.problem),
    priority: PRIORITIES[d.priority],
    estimatedDurationMinutes: d.durationMinutes,
    earliestDate: d.earliestDate || undefined,
    latestDate: d.latestDate || undefined,
    timeWindows,
    requiredSkills: Object.entries(d.skills).map(([skillId, minLevel]) => ({ skillId, minLevel })),
    parts: d.parts.map((p) => ({ partId: p.partId, quantity: p.quantity })),
  };
}

/** The customer's name as the confirmation says it. */
export const customerName = (d: WorkDraft): string => (d.customer?.kind === 'existing' ? d.customer.hit.name : (d.customer?.name.trim() ?? ''));

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}
