/**
 * Where the scale benchmark keeps its instances and results: under
 * benchmarks/out/scale/ (git-ignored), one folder per seed, so that any
 * VROOM-format solver can be run on exactly the days we measured.
 *
 *     npx tsx benchmarks/scale/instances.ts --seed 1 [--tiers 40x300,60x420]   # writes them, prints the paths
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { generateDay } from './generate-day.ts';
import { TIERS, type Tier, parseTiers, tierName } from './tiers.ts';

export const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'scale');

export const seedDir = (seed: number): string => join(OUT_DIR, `seed-${seed}`);

/** Generates the tier's day for `seed` and writes it; returns its path. */
export function writeDayInstance(tier: Tier, seed: number): string {
  const file = join(seedDir(seed), `${tierName(tier)}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(generateDay({ ...tier, seed })));
  return file;
}

export function parseSeedOption(value: string): number {
  const seed = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(seed)) throw new InvalidArgumentError('expected an integer.');
  return seed;
}

function main(argv: readonly string[]): void {
  const options = new Command('instances')
    .description("write the scale benchmark's VROOM-format days under benchmarks/out/scale/seed-<N>/")
    .option('--seed <n>', 'seed of the generator', parseSeedOption, 1)
    .option('--tiers <list>', 'comma-separated <technicians>x<visits>', parseTiers, [...TIERS])
    .parse(argv, { from: 'user' })
    .opts<{ seed: number; tiers: Tier[] }>();
  for (const tier of options.tiers) console.log(writeDayInstance(tier, options.seed));
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
