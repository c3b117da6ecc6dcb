// ERP sync by reference (issue 13): PUT /api/<kind>/by-reference/:reference
// creates or updates the record whose `reference` is the ERP's own number.
// Bodies are the create endpoints' ones, with the records they name given by
// reference too (`customerReference`, `siteReference`), so an ERP never needs
// our ids. 201 on create, 200 on update.
import { z } from 'zod';
import { ContractFields, checkContract } from './service-contracts.ts';
import { CustomerInput, EquipmentInput, SiteInput } from './installed-base.ts';
import { Text } from './common.ts';
import { PartInput } from '../back-office/catalogue.ts';

/** An ERP's reference in a path: what the `reference` columns hold. */
export const ReferenceParams = z.object({ reference: Text(60) });

/** Either our id or the ERP's reference of the record named, not both. */
const oneOf = (id: string, ref: string) => (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
  const given = [id, ref].filter((k) => value[k] !== undefined && value[k] !== null);
  if (given.length === 0) ctx.addIssue({ code: 'custom', path: [ref], message: `give ${ref} (the ERP's number) or ${id}` });
  if (given.length === 2) ctx.addIssue({ code: 'custom', path: [ref], message: `give ${ref} or ${id}, not both` });
};

export const CustomerByReference = CustomerInput.omit({ reference: true });
export const SiteByReference = SiteInput.extend({ customerId: SiteInput.shape.customerId.optional(), customerReference: Text(60).optional() }).superRefine(
  oneOf('customerId', 'customerReference'),
);
export const EquipmentByReference = EquipmentInput.extend({ siteId: EquipmentInput.shape.siteId.optional(), siteReference: Text(60).optional() }).superRefine(
  oneOf('siteId', 'siteReference'),
);
export const ContractByReference = ContractFields.omit({ reference: true })
  .extend({ customerId: ContractFields.shape.customerId.optional(), customerReference: Text(60).optional() })
  .superRefine(oneOf('customerId', 'customerReference'))
  .superRefine(checkContract);
export const PartByReference = PartInput.omit({ reference: true });
