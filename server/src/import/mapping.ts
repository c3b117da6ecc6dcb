// Which column means which field. Proposed from the headers (the company's
// last mapping for that kind first, then the field's French and English
// names), edited by the user, checked before a run, and kept for next time.
import { AS_SOLD_ATTRIBUTE, IMPORT_FIELDS, type ImportKind, type ImportMapping } from '@tournee/contracts/import';
import type { Db, KindDefinition } from './kinds/kind.ts';
import { normalizeHeader } from './normalize-header.ts';

export function proposeMapping(kind: KindDefinition, headers: readonly string[], stored: Readonly<Record<string, string | null>>): ImportMapping {
  const byLabel = new Map<string, string>();
  for (const field of kind.fields) for (const label of field.labels) if (!byLabel.has(normalizeHeader(label))) byLabel.set(normalizeHeader(label), field.key);
  const valid = new Set(validTargets(kind));
  const taken = new Set<string>();
  const mapping: Record<string, string | null> = {};
  // Two passes: the stored choices first, so a guess never takes a field the user had put elsewhere.
  for (const header of headers) {
    const remembered = stored[normalizeHeader(header)];
    if (
      remembered !== undefined &&
      (remembered === null || valid.has(remembered)) &&
      !(remembered && remembered !== AS_SOLD_ATTRIBUTE && taken.has(remembered))
    ) {
      mapping[header] = remembered;
      if (remembered && remembered !== AS_SOLD_ATTRIBUTE) taken.add(remembered);
    }
  }
  for (const header of headers) {
    if (header in mapping) continue;
    const field = byLabel.get(normalizeHeader(header));
    if (field && !taken.has(field)) {
      mapping[header] = field;
      taken.add(field);
    } else mapping[header] = kind.acceptsAttributes ? AS_SOLD_ATTRIBUTE : null;
  }
  return mapping;
}

function validTargets(kind: KindDefinition): string[] {
  return [...kind.fields.map((f) => f.key), ...(kind.acceptsAttributes ? [AS_SOLD_ATTRIBUTE] : [])];
}

export interface MappingProblem {
  readonly path: string;
  readonly message: string;
}

/** What is wrong with a mapping for these headers: unknown columns or fields, a field mapped twice, a required field without a column. */
export function checkMapping(kind: KindDefinition, headers: readonly string[], mapping: ImportMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const valid = new Set(validTargets(kind));
  const known = new Set(headers);
  const seen = new Map<string, string>();
  for (const [header, target] of Object.entries(mapping)) {
    if (!known.has(header)) problems.push({ path: `mapping.${header}`, message: `the file has no column ${header}` });
    if (target === null) continue;
    if (!valid.has(target))
      problems.push({ path: `mapping.${header}`, message: `unknown field ${target} (expected one of ${[...valid].join(', ')}, or null)` });
    else if (target !== AS_SOLD_ATTRIBUTE) {
      const other = seen.get(target);
      if (other !== undefined) problems.push({ path: `mapping.${header}`, message: `${target} is already read from the column ${other}` });
      seen.set(target, header);
    }
  }
  for (const field of IMPORT_FIELDS[kind.kind]) {
    if (field.required && !seen.has(field.key)) problems.push({ path: 'mapping', message: `no column for the required field ${field.key}` });
  }
  return problems;
}

export async function storedMapping(db: Db, kind: ImportKind): Promise<Record<string, string | null>> {
  const row = await db.importMapping.findUnique({ where: { kind } });
  return (row?.mapping ?? {}) as Record<string, string | null>;
}

/** Keeps the user's choices, by normalised header, merged over what was kept before (other files' columns stay remembered). */
export async function rememberMapping(db: Db, kind: ImportKind, mapping: ImportMapping): Promise<void> {
  const merged = { ...(await storedMapping(db, kind)) };
  for (const [header, target] of Object.entries(mapping)) merged[normalizeHeader(header)] = target;
  await db.importMapping.upsert({ where: { kind }, create: { kind, mapping: merged }, update: { mapping: merged } });
}
