// Customers, their sites, the equipment installed there and its history.
import { z } from 'zod';
import { Day, Id, Instant, JsonObject, Latitude, Longitude, Pagination, QueryBool, Text, Timestamps, optional } from './common.ts';

export const CustomerInput = z.object({
  /** The customer number in the company's ERP or accounting. */
  reference: optional(Text(60)),
  name: Text(),
  email: optional(z.email().max(254)),
  phone: optional(Text(40)),
  notes: optional(Text(5000)),
});
export const CustomerPatch = CustomerInput.partial();
export const Customer = z.object({
  id: Id,
  reference: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  notes: z.string().nullable(),
  ...Timestamps,
});
export const CustomerQuery = Pagination.extend({ q: z.string().optional() });

export const SiteInput = z.object({
  customerId: Id,
  sectorId: optional(Id),
  name: optional(Text()),
  address: Text(),
  postcode: Text(20),
  city: Text(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code, e.g. FR')
    .optional(),
  /** Unplannable until geocoded. */
  lat: optional(Latitude),
  lon: optional(Longitude),
  accessNotes: optional(Text(2000)),
  contactName: optional(Text()),
  contactPhone: optional(Text(40)),
});
export const SitePatch = SiteInput.partial();
export const Site = z.object({
  id: Id,
  customerId: Id,
  sectorId: Id.nullable(),
  name: z.string().nullable(),
  address: z.string(),
  postcode: z.string(),
  city: z.string(),
  country: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  accessNotes: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  ...Timestamps,
});
export const SiteQuery = Pagination.extend({
  customerId: Id.optional(),
  sectorId: Id.optional(),
  postcode: z.string().optional(),
  q: z.string().optional(),
});

/** Latest usage counters, e.g. {"operating_hours": 5120}. */
export const Counters = z.record(z.string().min(1).max(60), z.number().finite());

export const EquipmentInput = z.object({
  siteId: Id,
  /** Product family: heat_pump, boiler, air_conditioner, pool_filtration, ... */
  category: z.string().trim().min(1).max(60),
  brand: optional(Text(100)),
  model: optional(Text(100)),
  serialNumber: optional(Text(100)),
  asSold: JsonObject.optional(),
  asMaintained: JsonObject.optional(),
  installedOn: optional(Day),
  warrantyEndsOn: optional(Day),
  counters: Counters.optional(),
  countersReadAt: optional(Instant),
  active: z.boolean().optional(),
  notes: optional(Text(5000)),
});
export const EquipmentPatch = EquipmentInput.partial();
export const Equipment = z.object({
  id: Id,
  siteId: Id,
  category: z.string(),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  serialNumber: z.string().nullable(),
  asSold: JsonObject,
  asMaintained: JsonObject,
  installedOn: Day.nullable(),
  warrantyEndsOn: Day.nullable(),
  counters: Counters,
  countersReadAt: Instant.nullable(),
  active: z.boolean(),
  notes: z.string().nullable(),
  ...Timestamps,
});
export const EquipmentQuery = Pagination.extend({
  siteId: Id.optional(),
  category: z.string().optional(),
  serialNumber: z.string().optional(),
  active: QueryBool.optional(),
  /** Only equipment whose warranty ends on or before this day. */
  warrantyEndsBefore: Day.optional(),
});

export const EquipmentEventKind = z.enum([
  'installed',
  'commissioned',
  'inspected',
  'repaired',
  'part_replaced',
  'configuration_changed',
  'counter_reading',
  'warranty_extended',
  'removed',
  'note',
]);
export const EquipmentEventInput = z.object({
  kind: EquipmentEventKind,
  occurredAt: Instant,
  summary: Text(2000),
  /** Kind-specific detail: configuration diff, counter readings, parts, ... */
  data: JsonObject.optional(),
  interventionId: optional(Id),
});
export const EquipmentEvent = z.object({
  id: Id,
  equipmentId: Id,
  interventionId: Id.nullable(),
  authorId: Id.nullable(),
  kind: EquipmentEventKind,
  occurredAt: Instant,
  summary: z.string(),
  data: JsonObject,
  createdAt: Instant,
});
export const EquipmentHistoryQuery = Pagination.extend({ kind: EquipmentEventKind.optional() });

export type CustomerInput = z.infer<typeof CustomerInput>;
export type SiteInput = z.infer<typeof SiteInput>;
export type EquipmentInput = z.infer<typeof EquipmentInput>;
export type EquipmentEventInput = z.infer<typeof EquipmentEventInput>;
