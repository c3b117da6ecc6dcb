// The warranty verdict, rule by rule: one row per rule of decideCoverage.
import { describe, expect, it } from 'vitest';
import { decideCoverage, type ContractFacts, type CoverageFacts, type WarrantyFacts } from '../../../src/back-office/warranties/coverage.ts';

const manufacturer: WarrantyFacts = {
  id: 'w-man',
  kind: 'manufacturer',
  supplierId: 'sup',
  startsOn: '2025-01-01',
  endsOn: '2026-12-31',
  labourPercent: 0,
  partsPercent: 100,
  travelPercent: 0,
};
const full: WarrantyFacts = {
  id: 'w-full',
  kind: 'manufacturer',
  supplierId: 'sup',
  startsOn: '2025-01-01',
  endsOn: '2026-12-31',
  labourPercent: 100,
  partsPercent: 100,
  travelPercent: 100,
};
const ours: WarrantyFacts = {
  id: 'w-ours',
  kind: 'ours',
  supplierId: null,
  startsOn: '2026-03-01',
  endsOn: '2026-09-01',
  labourPercent: 100,
  partsPercent: 100,
  travelPercent: 100,
};
const extended: WarrantyFacts = {
  id: 'w-ext',
  kind: 'extended',
  supplierId: null,
  startsOn: '2026-01-01',
  endsOn: '2028-12-31',
  labourPercent: 100,
  partsPercent: 50,
  travelPercent: 100,
};
const expired: WarrantyFacts = { ...full, id: 'w-old', startsOn: '2023-01-01', endsOn: '2025-06-30' };
const contract: ContractFacts = {
  id: 'c1',
  reference: 'CT-1',
  status: 'active',
  startsOn: '2026-01-01',
  endsOn: null,
  labourPercent: 100,
  partsPercent: 0,
  travelPercent: 100,
};

const base: CoverageFacts = { on: '2026-06-15', hasEquipment: true, visitKind: 'corrective', warranties: [], contract: null };

const rows: Array<
  [string, Partial<CoverageFacts>, { status: string; ruleCode: string; labour?: number; parts?: number; travel?: number; supplierParts?: string | null }]
> = [
  ['no equipment', { hasEquipment: false, warranties: [full] }, { status: 'not_covered', ruleCode: 'no_equipment' }],
  ['installation work', { visitKind: 'installation', warranties: [full] }, { status: 'not_covered', ruleCode: 'installation_work' }],
  ['misuse', { cause: 'misuse', warranties: [full], contract }, { status: 'not_covered', ruleCode: 'excluded_cause' }],
  ['external cause', { cause: 'external', warranties: [full] }, { status: 'not_covered', ruleCode: 'excluded_cause' }],
  [
    'preventive visit under contract',
    { visitKind: 'preventive', contract },
    { status: 'partly_covered', ruleCode: 'preventive_under_contract', labour: 100, parts: 0, travel: 100 },
  ],
  [
    'regulatory visit under a contract covering parts',
    { visitKind: 'regulatory', contract: { ...contract, partsPercent: 100 } },
    { status: 'covered', ruleCode: 'preventive_under_contract', parts: 100 },
  ],
  [
    'full manufacturer warranty',
    { warranties: [full] },
    { status: 'covered', ruleCode: 'under_warranty', labour: 100, parts: 100, travel: 100, supplierParts: 'sup' },
  ],
  [
    'parts-only manufacturer warranty',
    { warranties: [manufacturer] },
    { status: 'partly_covered', ruleCode: 'under_warranty', labour: 0, parts: 100, travel: 0, supplierParts: 'sup' },
  ],
  [
    'parts from the manufacturer, labour from the contract',
    { warranties: [manufacturer], contract },
    { status: 'covered', ruleCode: 'under_warranty_and_contract', labour: 100, parts: 100, travel: 100, supplierParts: 'sup' },
  ],
  ['tie: the supplier-backed warranty wins over ours', { warranties: [ours, full] }, { status: 'covered', ruleCode: 'under_warranty', supplierParts: 'sup' }],
  [
    'extended warranty: half the parts',
    { warranties: [extended] },
    { status: 'partly_covered', ruleCode: 'under_warranty', labour: 100, parts: 50, travel: 100, supplierParts: null },
  ],
  ['expired warranty', { warranties: [expired] }, { status: 'not_covered', ruleCode: 'warranty_expired' }],
  ['not yet started', { warranties: [{ ...full, startsOn: '2026-07-01' }] }, { status: 'not_covered', ruleCode: 'no_warranty' }],
  ['nothing at all', {}, { status: 'not_covered', ruleCode: 'no_warranty' }],
  ['suspended contract', { contract: { ...contract, status: 'suspended' } }, { status: 'not_covered', ruleCode: 'no_warranty' }],
  ['ended contract', { contract: { ...contract, endsOn: '2026-05-31' } }, { status: 'not_covered', ruleCode: 'no_warranty' }],
  ['last day of the warranty still counts', { on: '2026-12-31', warranties: [full] }, { status: 'covered', ruleCode: 'under_warranty' }],
  ['the day after, it is over', { on: '2027-01-01', warranties: [full] }, { status: 'not_covered', ruleCode: 'warranty_expired' }],
];

describe('decideCoverage', () => {
  it.each(rows)('%s', (_name, facts, expected) => {
    const v = decideCoverage({ ...base, ...facts });
    expect(v.status).toBe(expected.status);
    expect(v.ruleCode).toBe(expected.ruleCode);
    expect(v.rule.length).toBeGreaterThan(10);
    if (expected.labour !== undefined) expect(v.shares.labour.percent).toBe(expected.labour);
    if (expected.parts !== undefined) expect(v.shares.parts.percent).toBe(expected.parts);
    if (expected.travel !== undefined) expect(v.shares.travel.percent).toBe(expected.travel);
    if (expected.supplierParts !== undefined) expect(v.shares.parts.supplierId).toBe(expected.supplierParts);
  });

  it('explains an expiry with its date and how long ago', () => {
    expect(decideCoverage({ ...base, warranties: [expired] }).rule).toBe("the manufacturer's warranty ended on 2025-06-30, 350 day(s) before 2026-06-15");
  });

  it('lists the warranties in force for the equipment card', () => {
    const v = decideCoverage({ ...base, visitKind: null, warranties: [expired, full, ours] });
    expect(v.activeWarranties.map((w) => w.id)).toEqual(['w-full', 'w-ours']);
    expect(v.endsOn).toBe('2026-12-31');
  });
});
