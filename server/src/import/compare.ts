// Whether a value read from the file differs from the stored one: days and
// instants by their ISO text, JSON by its content whatever the key order.

export function sameValue(stored: unknown, incoming: unknown): boolean {
  return canonical(stored) === canonical(incoming);
}

function canonical(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') return stableJson(value);
  return JSON.stringify(value);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** A stored value as it can be kept in a JSON before-image and given back to Prisma. */
export function jsonable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}
