// Creating ordinary work from the board: the search behind the "Nouvelle
// intervention" form and the urgent panel's "Client ou site" (customers by
// name, contact, phone or number; sites by address, town or postcode;
// equipment by serial number, brand or model — only what the caller's
// agencies serve), the towns a new site is placed in, and one request that
// creates the visit with the customer, site and equipment it names or brings.
import { z } from 'zod';
import { Day, Id, Latitude, Longitude, Text, optional } from './common.ts';
import { InterventionFields, RequiredSkill, TimeWindow, checkIntervention } from './interventions.ts';
import { InterventionKind } from './service-contracts.ts';
import { CustomerInput, EquipmentInput, Site, SiteInput } from './installed-base.ts';

/** What the dispatcher typed: at least two characters once trimmed. */
const SearchText = z
  .string()
  .trim()
  .min(2, 'type at least 2 characters')
  .max(100)
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL');

export const WorkSearchQuery = z.object({
  q: SearchText,
  /** Only this agency's sectors (one of the caller's); all of theirs when absent. */
  agencyId: Id.optional(),
  /** Customers returned, best first. */
  limit: z.coerce.number().int().min(1).max(20).default(8),
});

export const EquipmentHit = z.object({
  id: Id,
  category: z.string(),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  serialNumber: z.string().nullable(),
  /** The search matched this equipment (its serial number, brand or model). */
  matched: z.boolean(),
});
/** A site as GET /api/sites gives it (so a screen expecting a Site takes one), with what the search found on it. */
export const SiteHit = Site.extend({
  /** The search matched this site (or something on it), not only its customer. */
  matched: z.boolean(),
  equipment: z.array(EquipmentHit),
});
export const CustomerHit = z.object({
  id: Id,
  name: z.string(),
  reference: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** The customer's sites in the caller's sectors, the matching ones first. */
  sites: z.array(SiteHit),
});
export const WorkSearchAnswer = z.object({ customers: z.array(CustomerHit) });

export const PlaceQuery = z.object({
  q: SearchText,
  /** Sector looked up among this agency's (one of the caller's); all of theirs when absent. */
  agencyId: Id.optional(),
});
/** A French town from the bundled list, with the caller's sector it falls in. */
export const Place = z.object({
  /** INSEE commune code. */
  insee: z.string(),
  name: z.string(),
  /** The postcode the company's sites in this town use most, when it has any. */
  postcode: z.string().nullable(),
  lat: Latitude,
  lon: Longitude,
  population: z.number().int(),
  sectorId: Id.nullable(),
  sectorName: z.string().nullable(),
});
export const PlaceAnswer = z.object({ places: z.array(Place) });

/** An existing record by id, or a new one described in full. */
const existingOr = <T extends z.ZodType>(fresh: T) => z.union([z.object({ id: Id }).strict(), z.object({ new: fresh }).strict()]);

export const PartNeeded = z.object({ partId: Id, quantity: z.number().int().min(1).max(999) });

export const NewWorkInput = z
  .object({
    agencyId: Id,
    customer: existingOr(CustomerInput),
    /** A new site's customer is the one above. */
    site: existingOr(SiteInput.omit({ customerId: true })),
    /** A new equipment's site is the one above. */
    equipment: optional(existingOr(EquipmentInput.omit({ siteId: true }))),
    kind: InterventionKind,
    problemDescription: optional(Text(5000)),
    priority: z.number().int().min(0).max(100),
    estimatedDurationMinutes: InterventionFields.shape.estimatedDurationMinutes,
    earliestDate: optional(Day),
    /** The due date: the visit must be done by then. */
    latestDate: optional(Day),
    timeWindows: z.array(TimeWindow).max(20).optional(),
    requiredSkills: z.array(RequiredSkill).max(20).optional(),
    parts: z.array(PartNeeded).max(50).optional(),
  })
  .superRefine(checkIntervention)
  .superRefine((w, ctx) => {
    const parts = w.parts ?? [];
    parts.forEach((p, i) => {
      if (parts.findIndex((q) => q.partId === p.partId) !== i) ctx.addIssue({ code: 'custom', path: ['parts', i, 'partId'], message: 'listed twice' });
    });
    const skills = w.requiredSkills ?? [];
    skills.forEach((s, i) => {
      if (skills.findIndex((q) => q.skillId === s.skillId) !== i)
        ctx.addIssue({ code: 'custom', path: ['requiredSkills', i, 'skillId'], message: 'listed twice' });
    });
  });

export type WorkSearchQuery = z.input<typeof WorkSearchQuery>;
export type EquipmentHit = z.infer<typeof EquipmentHit>;
export type SiteHit = z.infer<typeof SiteHit>;
export type CustomerHit = z.infer<typeof CustomerHit>;
export type WorkSearchAnswer = z.infer<typeof WorkSearchAnswer>;
export type Place = z.infer<typeof Place>;
export type NewWorkInput = z.infer<typeof NewWorkInput>;
