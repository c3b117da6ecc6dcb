// Who pays for a visit: the warranty verdict, as a pure function of the
// facts, so every decision can be explained and table-tested.
//
// The rules, in the order they are tried:
//  1. no equipment named                       → not covered (no_equipment)
//  2. installation work                        → not covered (installation_work): new work is sold, not repaired
//  3. damage the customer caused (misuse, external cause) → not covered (excluded_cause)
//  4. a preventive or regulatory visit under an active contract → covered (preventive_under_contract):
//     the periodic fee pays for it; parts at the contract's parts share
//  5. otherwise each category (labour, parts, travel) takes the best share
//     among the warranties active that day and the active contract; on a tie
//     a supplier-backed warranty wins (it costs the company nothing), then a
//     purchased one, then the contract, then our own warranty.
//     All three at 100 % → covered; all at 0 → not covered; else partly covered.
//     Nothing applies: warranty_expired when one ended before the day, else no_warranty.
import type { IsoDay } from '../days.ts';
import { daysBetween } from '../days.ts';

export type CoverageStatus = 'covered' | 'partly_covered' | 'not_covered';
export type WarrantyKind = 'manufacturer' | 'ours' | 'extended';
export type Category = 'labour' | 'parts' | 'travel';
export const CATEGORIES: readonly Category[] = ['labour', 'parts', 'travel'];

export type FaultCause = 'defect' | 'wear' | 'misuse' | 'external' | 'unknown';
export type VisitKind = 'corrective' | 'preventive' | 'installation' | 'regulatory' | 'other';

export interface WarrantyFacts {
  /** Null for the end date recorded on the equipment itself without a warranty record. */
  readonly id: string | null;
  readonly kind: WarrantyKind;
  /** Who pays covered work back; null = the company bears it. */
  readonly supplierId: string | null;
  readonly startsOn: IsoDay;
  readonly endsOn: IsoDay;
  readonly labourPercent: number;
  readonly partsPercent: number;
  readonly travelPercent: number;
}

export interface ContractFacts {
  readonly id: string;
  readonly reference: string;
  readonly status: 'draft' | 'active' | 'suspended' | 'ended';
  readonly startsOn: IsoDay;
  readonly endsOn: IsoDay | null;
  readonly labourPercent: number;
  readonly partsPercent: number;
  readonly travelPercent: number;
}

export interface CoverageFacts {
  /** The day the work is done (or the equipment is looked up). */
  readonly on: IsoDay;
  readonly hasEquipment: boolean;
  /** Null for a plain lookup of the equipment. */
  readonly visitKind: VisitKind | null;
  readonly cause?: FaultCause | undefined;
  readonly warranties: readonly WarrantyFacts[];
  readonly contract: ContractFacts | null;
}

export interface Share {
  readonly percent: number;
  readonly source: 'warranty' | 'contract' | null;
  readonly warrantyId: string | null;
  readonly warrantyKind: WarrantyKind | null;
  readonly contractId: string | null;
  /** Set when the supplier pays this share back (re-invoiced to them). */
  readonly supplierId: string | null;
}

export type CoverageRuleCode =
  | 'no_equipment'
  | 'installation_work'
  | 'excluded_cause'
  | 'preventive_under_contract'
  | 'under_warranty'
  | 'under_contract'
  | 'under_warranty_and_contract'
  | 'warranty_expired'
  | 'no_warranty';

export interface CoverageVerdict {
  readonly status: CoverageStatus;
  readonly ruleCode: CoverageRuleCode;
  /** The sentence shown to the dispatcher and on the document. */
  readonly rule: string;
  readonly shares: Readonly<Record<Category, Share>>;
  /** Warranties in force that day (for the equipment card). */
  readonly activeWarranties: readonly WarrantyFacts[];
  /** The latest end among them, or of the last expired one. */
  readonly endsOn: IsoDay | null;
}

const NONE: Share = { percent: 0, source: null, warrantyId: null, warrantyKind: null, contractId: null, supplierId: null };
const noShares = (): Record<Category, Share> => ({ labour: NONE, parts: NONE, travel: NONE });

const KIND_LABEL: Record<WarrantyKind, string> = {
  manufacturer: "manufacturer's warranty",
  ours: 'our warranty',
  extended: 'extended warranty',
};

export const isActiveWarranty = (w: WarrantyFacts, on: IsoDay): boolean => w.startsOn <= on && on <= w.endsOn;
export const isActiveContract = (c: ContractFacts, on: IsoDay): boolean => c.status === 'active' && c.startsOn <= on && (c.endsOn === null || on <= c.endsOn);

export function decideCoverage(f: CoverageFacts): CoverageVerdict {
  const active = f.warranties.filter((w) => isActiveWarranty(w, f.on));
  const endsOn = latest(active.length ? active : f.warranties.filter((w) => w.endsOn < f.on));
  const verdict = (status: CoverageStatus, ruleCode: CoverageRuleCode, rule: string, shares = noShares()): CoverageVerdict => ({
    status,
    ruleCode,
    rule,
    shares,
    activeWarranties: active,
    endsOn,
  });

  if (!f.hasEquipment) return verdict('not_covered', 'no_equipment', 'no equipment named: nothing for a warranty to cover');
  if (f.visitKind === 'installation') return verdict('not_covered', 'installation_work', 'installation work is sold, not covered by a warranty');
  if (f.cause === 'misuse' || f.cause === 'external') {
    return verdict('not_covered', 'excluded_cause', `the fault has an excluded cause (${f.cause}): warranties and contracts do not cover it`);
  }

  const contract = f.contract && isActiveContract(f.contract, f.on) ? f.contract : null;
  if (contract && (f.visitKind === 'preventive' || f.visitKind === 'regulatory')) {
    const fee = contractShare(contract, 100);
    const shares = { labour: fee, travel: fee, parts: contractShare(contract, contract.partsPercent) };
    return verdict(
      statusOf(shares),
      'preventive_under_contract',
      `${f.visitKind} visit under contract ${contract.reference}: the periodic fee pays labour and travel, parts at ${contract.partsPercent} %`,
      shares,
    );
  }

  const shares = noShares();
  for (const category of CATEGORIES) {
    const candidates: Share[] = [
      ...active.map((w) => warrantyShare(w, percentOf(w, category))),
      ...(contract ? [contractShare(contract, percentOf(contract, category))] : []),
    ];
    shares[category] = candidates.reduce((best, s) => (better(s, best) ? s : best), NONE);
  }
  const status = statusOf(shares);
  if (status === 'not_covered') {
    const expired = f.warranties.filter((w) => w.endsOn < f.on).sort((a, b) => (a.endsOn < b.endsOn ? 1 : -1))[0];
    if (expired && active.length === 0) {
      return verdict(
        'not_covered',
        'warranty_expired',
        `the ${KIND_LABEL[expired.kind]} ended on ${expired.endsOn}, ${daysBetween(expired.endsOn, f.on)} day(s) before ${f.on}`,
      );
    }
    return verdict(
      'not_covered',
      'no_warranty',
      active.length || contract ? 'the warranties and contract in force cover none of it' : 'no warranty or contract in force',
    );
  }
  const fromWarranty = CATEGORIES.some((c) => shares[c].source === 'warranty');
  const fromContract = CATEGORIES.some((c) => shares[c].source === 'contract');
  const ruleCode: CoverageRuleCode = fromWarranty && fromContract ? 'under_warranty_and_contract' : fromWarranty ? 'under_warranty' : 'under_contract';
  const described = CATEGORIES.map((c) => `${c} ${shares[c].percent} %${shares[c].source ? ` (${describe(shares[c], active, contract)})` : ''}`);
  return verdict(status, ruleCode, `${status === 'covered' ? 'covered' : 'partly covered'}: ${described.join(', ')}`, shares);
}

function percentOf(x: { labourPercent: number; partsPercent: number; travelPercent: number }, c: Category): number {
  return c === 'labour' ? x.labourPercent : c === 'parts' ? x.partsPercent : x.travelPercent;
}

function warrantyShare(w: WarrantyFacts, percent: number): Share {
  return { percent, source: 'warranty', warrantyId: w.id, warrantyKind: w.kind, contractId: null, supplierId: w.supplierId };
}

function contractShare(c: ContractFacts, percent: number): Share {
  return { percent, source: 'contract', warrantyId: null, warrantyKind: null, contractId: c.id, supplierId: null };
}

// Tie-break: supplier-backed warranty > purchased (extended) > contract > our own.
function rank(s: Share): number {
  if (s.source === 'warranty' && s.supplierId) return 4;
  if (s.source === 'warranty' && s.warrantyKind === 'extended') return 3;
  if (s.source === 'contract') return 2;
  if (s.source === 'warranty') return 1;
  return 0;
}

function better(a: Share, b: Share): boolean {
  if (a.percent !== b.percent) return a.percent > b.percent;
  return rank(a) > rank(b);
}

function statusOf(shares: Record<Category, Share>): CoverageStatus {
  const percents = CATEGORIES.map((c) => shares[c].percent);
  if (percents.every((p) => p === 100)) return 'covered';
  if (percents.every((p) => p === 0)) return 'not_covered';
  return 'partly_covered';
}

function describe(s: Share, active: readonly WarrantyFacts[], contract: ContractFacts | null): string {
  if (s.source === 'contract') return `contract ${contract?.reference ?? s.contractId}`;
  const w = active.find((x) => x.id === s.warrantyId && x.kind === s.warrantyKind);
  const label = KIND_LABEL[s.warrantyKind!];
  return `${label}${w ? ` until ${w.endsOn}` : ''}${s.supplierId ? ', recovered from the supplier' : ''}`;
}

function latest(ws: readonly WarrantyFacts[]): IsoDay | null {
  return ws.reduce<IsoDay | null>((max, w) => (max === null || w.endsOn > max ? w.endsOn : max), null);
}
