// An agency's billing rates, with the defaults used until an admin sets them.
import type { Db, Tx } from '../db.ts';

export interface BillingRates {
  readonly labourHourlyRateCents: number;
  readonly travelFlatCents: number;
  readonly paymentTermsDays: number;
  readonly quoteValidityDays: number;
}

export const DEFAULT_RATES: BillingRates = { labourHourlyRateCents: 6_500, travelFlatCents: 4_500, paymentTermsDays: 30, quoteValidityDays: 30 };

export async function ratesOf(db: Db | Tx, agencyId: string): Promise<BillingRates> {
  const s = await db.billingSettings.findUnique({ where: { agencyId } });
  return s ?? DEFAULT_RATES;
}
