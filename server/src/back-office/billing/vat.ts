// French VAT rate of a line (Code général des impôts), as a pure function.
//
//  20 %  the standard rate (art. 278): business premises, premises whose use
//        is unknown, housing completed two years ago or less, and parts sold
//        without being installed (a counter sale is a sale of goods).
//  10 %  improvement, conversion, fitting-out and maintenance work on housing
//        completed more than two years ago (art. 279-0 bis), including the
//        parts supplied and installed as part of that work, travel, and
//        maintenance contract fees for such housing.
//   5.5 % energy-efficiency improvement work on such housing (art. 278-0 bis A):
//        installing or maintaining eligible equipment (heat pumps, solar water
//        heaters, insulation…), with the work indissociably linked to it.
//
// The customer confirms the conditions (housing, more than two years old) in
// a statement the company keeps with the invoice; the site's VAT profile
// records when it was received. A dispatcher may still set a line's rate by
// hand (rule `set_by_user`), e.g. for a case these rules do not describe.
import { addMonths, type IsoDay } from '../days.ts';

export const VAT_RATES_BP = [2000, 1000, 550] as const;
export type VatRateBp = (typeof VAT_RATES_BP)[number];

export type VatRuleCode =
  'standard_rate' | 'housing_age_unknown' | 'housing_under_two_years' | 'goods_sold_alone' | 'energy_efficiency_work' | 'housing_renovation' | 'set_by_user';

export interface VatContext {
  /** The site's use; null when unknown (then the standard rate). */
  readonly premises: 'housing' | 'business' | null;
  /** When the building was completed. */
  readonly completedOn: IsoDay | null;
  /** The document's date (the rule is read that day). */
  readonly on: IsoDay;
  /** The work is energy-efficiency improvement (set on the document, or implied by an eligible part). */
  readonly energyWork: boolean;
}

export interface VatLine {
  readonly kind: 'labour' | 'travel' | 'part' | 'fee' | 'other';
  /** A part supplied and installed as part of the work (false: sold alone). */
  readonly installed: boolean;
}

export interface VatDecision {
  readonly rateBp: VatRateBp;
  readonly rule: VatRuleCode;
}

export function vatRateFor(line: VatLine, ctx: VatContext): VatDecision {
  if (ctx.premises !== 'housing') return { rateBp: 2000, rule: 'standard_rate' };
  if (line.kind === 'part' && !line.installed) return { rateBp: 2000, rule: 'goods_sold_alone' };
  if (ctx.completedOn === null) return { rateBp: 2000, rule: 'housing_age_unknown' };
  // "More than two years" after completion: from the day after the second anniversary.
  if (ctx.on <= addMonths(ctx.completedOn, 24)) return { rateBp: 2000, rule: 'housing_under_two_years' };
  if (ctx.energyWork) return { rateBp: 550, rule: 'energy_efficiency_work' };
  return { rateBp: 1000, rule: 'housing_renovation' };
}
