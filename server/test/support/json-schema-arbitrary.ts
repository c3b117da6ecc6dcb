// fast-check arbitraries from the JSON Schemas of the OpenAPI document: values
// shaped like what a route takes (so they get past the first checks and reach
// the handler and the database), with hostile values mixed in at any depth
// (NUL characters, year 0000, out-of-range numbers, wrong types, deep nesting,
// ids of real records). For the fuzz test of every request body.
import fc from 'fast-check';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | false;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: JsonSchema | boolean;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

const deeplyNested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

/** What a careless or hostile client sends where anything is expected. */
export const hostileValue: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  '\u0000',
  'a\u0000b',
  '',
  ' ',
  'x'.repeat(20_000),
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '9999-12-31',
  '9999-12-31T23:59:59Z',
  -1,
  0,
  2 ** 31,
  2 ** 53,
  1e308,
  -1e308,
  0.5,
  null,
  true,
  {},
  [],
  deeplyNested(80),
  { ['k\u0000']: 1 },
  '<script>',
  "'; DROP TABLE users; --",
);

export interface ArbitraryOptions {
  /** Ids of records that exist: string fields named like ids draw from them half the time. */
  readonly ids: readonly string[];
  /** Out of 10, how often a value is replaced by a hostile one (0: only well-shaped values). */
  readonly hostileWeight?: number;
}

export function arbitraryFor(root: JsonSchema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const hostileWeight = options.hostileWeight ?? 1;
  const resolve = (schema: JsonSchema): JsonSchema => {
    const ref = schema.$ref;
    if (!ref) return schema;
    const name = /^#\/\$defs\/(.+)$/.exec(ref)?.[1];
    return (name && root.$defs?.[name]) || {};
  };

  const build = (raw: JsonSchema, key: string, depth: number): fc.Arbitrary<unknown> => {
    const shaped = shapedBy(resolve(raw), key, depth);
    if (hostileWeight <= 0) return shaped;
    return fc.oneof({ arbitrary: shaped, weight: 10 - hostileWeight }, { arbitrary: hostileValue, weight: hostileWeight });
  };

  const shapedBy = (schema: JsonSchema, key: string, depth: number): fc.Arbitrary<unknown> => {
    if (depth > 6) return fc.constant(null);
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives?.length) return fc.oneof(...alternatives.map((s) => shapedBy(resolve(s), key, depth)));
    if (schema.allOf?.length) return shapedBy(resolve(schema.allOf[0]!), key, depth);
    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    if (types.length > 1) return fc.oneof(...types.map((type) => shapedBy({ ...schema, type }, key, depth)));
    switch (types[0]) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return fc.integer({ min: Math.max(schema.minimum ?? -1_000, -(2 ** 31)), max: Math.min(schema.maximum ?? 100_000, 2 ** 31) });
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
      case 'string':
        return stringFor(schema, key);
      case 'array': {
        if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((s, i) => build(s, `${key}[${i}]`, depth + 1)));
        const item = schema.items ? build(schema.items, key, depth + 1) : fc.anything();
        return fc.array(item, { minLength: Math.min(schema.minItems ?? 0, 3), maxLength: Math.min(schema.maxItems ?? 4, 4) });
      }
      case 'object': {
        const properties = schema.properties ?? {};
        if (Object.keys(properties).length === 0)
          return fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), hostileValue), { maxKeys: 3 });
        const record = Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, build(s, name, depth + 1)]));
        return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
      }
      default:
        return fc.oneof(fc.string(), fc.integer(), fc.constant(null), hostileValue);
    }
  };

  const stringFor = (schema: JsonSchema, key: string): fc.Arbitrary<unknown> => {
    // Plausible years: the extremes come from hostileValue.
    const year = fc.integer({ min: 2000, max: 2035 });
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    const day = fc.tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`);
    if (schema.format === 'date') return day;
    if (schema.format === 'date-time')
      return fc
        .tuple(day, fc.integer({ min: 0, max: 86_399 }))
        .map(([d, s]) => `${d}T${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}Z`);
    if (schema.format === 'email') return fc.emailAddress();
    const text = fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
    if (/(^id$|Id$)/.test(key) && options.ids.length) return fc.oneof(fc.constantFrom(...options.ids), text);
    return text;
  };

  return build(root, '', 0);
}
