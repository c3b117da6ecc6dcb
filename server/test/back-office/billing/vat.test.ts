// The French VAT rule, one row per case it distinguishes.
import { describe, expect, it } from 'vitest';
import { vatRateFor, type VatContext, type VatLine } from '../../../src/back-office/billing/vat.ts';

const housing: VatContext = { premises: 'housing', completedOn: '2010-05-01', on: '2026-06-15', energyWork: false };
const labour: VatLine = { kind: 'labour', installed: true };

const rows: Array<[string, VatLine, Partial<VatContext>, number, string]> = [
  ['business premises', labour, { premises: 'business' }, 2000, 'standard_rate'],
  ['use unknown', labour, { premises: null }, 2000, 'standard_rate'],
  ['housing of unknown age', labour, { completedOn: null }, 2000, 'housing_age_unknown'],
  ['housing completed a year ago', labour, { completedOn: '2025-06-01' }, 2000, 'housing_under_two_years'],
  ['exactly two years: not yet more than two', labour, { completedOn: '2024-06-15' }, 2000, 'housing_under_two_years'],
  ['two years and a day', labour, { completedOn: '2024-06-14' }, 1000, 'housing_renovation'],
  ['repair in old housing', labour, {}, 1000, 'housing_renovation'],
  ['travel in old housing', { kind: 'travel', installed: true }, {}, 1000, 'housing_renovation'],
  ['maintenance fee in old housing', { kind: 'fee', installed: true }, {}, 1000, 'housing_renovation'],
  ['part installed in old housing', { kind: 'part', installed: true }, {}, 1000, 'housing_renovation'],
  ['part sold alone', { kind: 'part', installed: false }, {}, 2000, 'goods_sold_alone'],
  ['energy-efficiency work: labour', labour, { energyWork: true }, 550, 'energy_efficiency_work'],
  ['energy-efficiency work: the heat pump installed', { kind: 'part', installed: true }, { energyWork: true }, 550, 'energy_efficiency_work'],
  ['energy-efficiency work in new housing', labour, { energyWork: true, completedOn: '2025-06-01' }, 2000, 'housing_under_two_years'],
  ['energy-efficiency work on business premises', labour, { energyWork: true, premises: 'business' }, 2000, 'standard_rate'],
];

describe('vatRateFor', () => {
  it.each(rows)('%s', (_name, line, ctx, rate, rule) => {
    expect(vatRateFor(line, { ...housing, ...ctx })).toEqual({ rateBp: rate, rule });
  });
});
