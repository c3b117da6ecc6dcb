// Limits every JSON body gets before any schema reads it (issue 11,
// finding 6), checked by the registry for every route:
// - size: express.json's limit in app.ts (10 MB, for a VROOM problem with its
//   matrices), answered 413 naming it (errors.ts);
// - depth: at most MAX_JSON_DEPTH nested arrays and objects, else 400 naming
//   the limit and where it was crossed. JSON.parse copes with 100,000 levels,
//   but what comes after does not (Prisma's serializer, JSON.stringify and zod
//   recurse): a 100,000-deep `asSold` crashed into a 500;
// - NUL characters: PostgreSQL stores no U+0000 in text nor in jsonb, so a
//   string or key holding one is refused here with its path, rather than by
//   the database without it.
import { formatPath, HttpError } from './errors.ts';

/** Far above any real body (GeoJSON multipolygons and VROOM matrices nest 4–6 deep). */
export const MAX_JSON_DEPTH = 64;

/** Throws a 400 naming the limit or the character, and the path where it was found. */
export function checkJsonBody(body: unknown): void {
  const problem = findProblem(body);
  if (problem) throw new HttpError(400, problem.message, [{ path: formatPath(problem.path), in: 'body', message: problem.detail }]);
}

interface Problem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly detail: string;
}

/** Walks the parsed body without recursion (the depth is what is being checked). */
export function findProblem(body: unknown, maxDepth = MAX_JSON_DEPTH): Problem | undefined {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: body, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return nul(path);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= maxDepth) {
      return {
        path,
        message: `the body nests arrays and objects deeper than the limit of ${maxDepth} levels`,
        detail: `more than ${maxDepth} levels deep`,
      };
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], path: [...path, i] });
    } else {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) return nul([...path, key]);
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return undefined;
}

const nul = (path: PropertyKey[]): Problem => ({
  path,
  message: 'the body contains a NUL character (U+0000), which cannot be stored',
  detail: 'must not contain the NUL character (U+0000)',
});
