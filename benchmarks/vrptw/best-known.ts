/**
 * Best-known solutions from `benchmarks/instances/bks.csv`
 * (columns `instance,objective,vehicles,distance,source`).
 *
 * Two objectives coexist in the literature and give different numbers for the
 * same instance: `hier` (fewest vehicles first, then distance) is the
 * convention for Solomon and Gehring & Homberger; `dist` (distance alone,
 * whatever the fleet) exists for Solomon only. Comparing a distance-only run
 * with a `hier` best-known can give negative gaps bought with extra vehicles,
 * so the runner shows both.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Objective = 'dist' | 'hier';
export const OBJECTIVES: readonly Objective[] = ['dist', 'hier'];

export interface BestKnown {
  readonly vehicles: number;
  /** Euclidean, double precision, no rounding. */
  readonly distance: number;
  readonly source: string;
}

export interface BestKnownEntry {
  readonly dist?: BestKnown;
  readonly hier?: BestKnown;
}

/**
 * The public instances vendored in the repository (see benchmarks/instances/README.md), resolved from this file
 * rather than the working directory, so that tests and the runner work from anywhere.
 */
export const INSTANCES_DIR = fileURLToPath(new URL('../instances/', import.meta.url));
export const BKS_FILE = `${INSTANCES_DIR}bks.csv`;

export class BestKnownTable {
  readonly #entries: ReadonlyMap<string, BestKnownEntry>;
  constructor(entries: ReadonlyMap<string, BestKnownEntry>) {
    this.#entries = entries;
  }

  /**
   * Solomon files name their instances `C101` and G&H ones `c1_2_1`; matching
   * ignores case so that `--only c101` and either spelling in the CSV work.
   */
  get(instance: string): BestKnownEntry | undefined {
    return this.#entries.get(instance.toUpperCase());
  }

  best(instance: string, objective: Objective): BestKnown | undefined {
    return this.get(instance)?.[objective];
  }

  get size(): number {
    return this.#entries.size;
  }
}

const REQUIRED_COLUMNS = ['instance', 'objective', 'vehicles', 'distance'] as const;

export function readBestKnown(file: string = BKS_FILE): BestKnownTable {
  return parseBestKnown(readFileSync(file, 'utf8'), file);
}

export function parseBestKnown(text: string, source = '<bks.csv>'): BestKnownTable {
  const fail = (line: number, reason: string): never => {
    throw new Error(`${source}:${line}: ${reason}`);
  };
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((column) => column.trim().toLowerCase());
  const column: Record<string, number> = {};
  for (const name of [...REQUIRED_COLUMNS, 'source']) column[name] = header.indexOf(name);
  for (const name of REQUIRED_COLUMNS) {
    if (column[name] < 0) fail(1, `missing column "${name}" (header: ${lines[0] ?? ''})`);
  }

  const entries = new Map<string, { dist?: BestKnown; hier?: BestKnown }>();
  const lineOf = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const no = i + 1;
    const fields = splitCsvLine(lines[i]).map((field) => field.trim());
    if (fields.length < header.length) fail(no, `expected ${header.length} fields, found ${fields.length}`);
    const instance = fields[column.instance];
    const objective = fields[column.objective];
    const vehicles = Number(fields[column.vehicles]);
    const distance = Number(fields[column.distance]);
    if (instance === '') fail(no, 'empty instance name');
    if (objective !== 'dist' && objective !== 'hier') fail(no, `objective "${objective}" is neither "dist" nor "hier"`);
    if (!Number.isInteger(vehicles) || vehicles < 1) fail(no, `vehicles "${fields[column.vehicles]}" is not a positive integer`);
    if (!Number.isFinite(distance) || distance <= 0) fail(no, `distance "${fields[column.distance]}" is not a positive number`);
    const key = instance.toUpperCase();
    const dupKey = `${key}/${objective}`;
    const previous = lineOf.get(dupKey);
    if (previous !== undefined) fail(no, `${instance} ${objective} already given on line ${previous}`);
    lineOf.set(dupKey, no);
    const entry = entries.get(key) ?? {};
    entry[objective as Objective] = {
      vehicles,
      distance,
      source: column.source >= 0 ? (fields[column.source] ?? '') : '',
    };
    entries.set(key, entry);
  }
  return new BestKnownTable(entries);
}

/** RFC 4180 fields: commas inside double quotes, `""` for a quote. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}
