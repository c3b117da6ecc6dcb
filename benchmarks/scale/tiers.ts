/**
 * The company sizes of issue 14's benchmark, written `<technicians>x<visits>`
 * on the command line and in the instances' file names.
 */
export interface Tier {
  readonly technicians: number;
  readonly visits: number;
}

export const TIERS: readonly Tier[] = [
  { technicians: 40, visits: 300 },
  { technicians: 60, visits: 420 },
  { technicians: 120, visits: 900 },
  { technicians: 200, visits: 1500 },
];

export const tierName = (tier: Tier): string => `${tier.technicians}x${tier.visits}`;

/** `40x300` → { technicians: 40, visits: 300 }; any other spelling is an error naming it. */
export function parseTier(text: string): Tier {
  const match = /^(\d+)x(\d+)$/.exec(text.trim());
  const technicians = Number(match?.[1]);
  const visits = Number(match?.[2]);
  if (!match || technicians < 1 || visits < 1) {
    throw new Error(`tier "${text}": expected <technicians>x<visits> with both at least 1, e.g. 40x300`);
  }
  return { technicians, visits };
}

/** A comma-separated list of tiers, e.g. `40x300,60x420`. */
export function parseTiers(text: string): Tier[] {
  const tiers = text
    .split(',')
    .filter((part) => part.trim() !== '')
    .map(parseTier);
  if (tiers.length === 0) throw new Error('--tiers: expected at least one tier, e.g. 40x300,60x420');
  return tiers;
}
