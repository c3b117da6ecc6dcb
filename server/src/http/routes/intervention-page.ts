// The page of `GET /api/interventions`, as the JSON text of the answer.
//
// The board and the apps list up to 200 interventions at a time, often many
// clients at once; through Prisma's findMany with its includes that page cost
// three queries, Prisma's mapping of every field of every row, and Express's
// JSON.stringify with the calendar-day replacer, about 20–60 ms of the
// server's CPU per request here (issue 11, finding 10). Here Prisma still
// decides which rows — the caller's scope and the filters are Prisma `where`
// fragments, the same as everywhere else — but only reads their ids; one SQL
// query then has PostgreSQL (or PGlite) write the whole page of items as one
// JSON text, required skills and the caller's allowed transitions included,
// in exactly the shape `Intervention` of `@tournee/contracts/api` describes
// (instants as ISO-8601 UTC with milliseconds, calendar days as YYYY-MM-DD):
// Node neither maps nor serializes a single row.
import { allowedTransitions, INTERVENTION_STATUSES } from '@tournee/contracts/api';
import type { Claims } from '../../auth/tokens.ts';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';

/** Highest priority first; the id breaks ties, so pages stay stable. */
export const INTERVENTION_LIST_ORDER = [{ priority: 'desc' }, { id: 'asc' }] satisfies Prisma.InterventionOrderByWithRelationInput[];

export async function interventionPageJson(
  prisma: PrismaClient,
  auth: Claims,
  where: Prisma.InterventionWhereInput,
  page: { readonly limit: number; readonly offset: number },
): Promise<string> {
  const ids = await prisma.intervention.findMany({ where, select: { id: true }, orderBy: INTERVENTION_LIST_ORDER, take: page.limit, skip: page.offset });
  // A page that is not full ends the selection: its total is known without counting (the board's usual case).
  const total = ids.length < page.limit && (ids.length > 0 || page.offset === 0) ? page.offset + ids.length : await prisma.intervention.count({ where });
  const items =
    ids.length === 0
      ? '[]'
      : await itemsAsJson(
          prisma,
          ids.map((r) => r.id),
          transitionsOf(auth.role),
        );
  return `{"items":${items},"total":${total},"limit":${page.limit},"offset":${page.offset}}`;
}

/**
 * The moves a role may make, keyed `<status>:<t|f>` (a technician set or
 * not): all the lifecycle's answers for that role, from the one rule
 * (`allowedTransitions`), handed to the query as a parameter.
 */
const transitionTables = new Map<Claims['role'], string>();
function transitionsOf(role: Claims['role']): string {
  let table = transitionTables.get(role);
  if (table === undefined) {
    const entries = INTERVENTION_STATUSES.flatMap((status) =>
      [true, false].map((assigned) => [`${status}:${assigned ? 't' : 'f'}`, allowedTransitions(status, role, assigned)]),
    );
    transitionTables.set(role, (table = JSON.stringify(Object.fromEntries(entries))));
  }
  return table;
}

// to_char formats of Date.prototype.toISOString() (timestamptz(3) columns) and of calendar days (date columns).
const INSTANT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const DAY = `'YYYY-MM-DD'`;

/** The items with these ids, in this order, as one JSON array written by the database. */
async function itemsAsJson(prisma: PrismaClient, ids: readonly string[], transitions: string): Promise<string> {
  const instant = (column: string) => `to_char(i.${column} AT TIME ZONE 'UTC', ${INSTANT})`;
  const day = (column: string) => `to_char(i.${column}, ${DAY})`;
  // Every field of the Intervention contract.
  const fields: Array<[string, string]> = [
    ['id', 'i.id'],
    ['agencyId', 'i.agency_id'],
    ['reference', 'i.reference'],
    ['kind', 'i.kind'],
    ['status', 'i.status'],
    ['cancelReason', 'i.cancel_reason'],
    ['problemDescription', 'i.problem_description'],
    ['report', 'i.report'],
    ['priority', 'i.priority'],
    ['slaDeadline', instant('sla_deadline')],
    ['timeWindows', 'i.time_windows'],
    ['earliestDate', day('earliest_date')],
    ['latestDate', day('latest_date')],
    ['estimatedDurationMinutes', 'i.estimated_duration_minutes'],
    ['siteId', 'i.site_id'],
    ['equipmentId', 'i.equipment_id'],
    ['contractId', 'i.contract_id'],
    ['servicePlanId', 'i.service_plan_id'],
    ['dueOn', day('due_on')],
    ['dueCounter', 'i.due_counter'],
    ['technicianId', 'i.technician_id'],
    ['pinned', 'i.pinned'],
    ['plannedStart', instant('planned_start')],
    ['plannedEnd', instant('planned_end')],
    ['actualStart', instant('actual_start')],
    ['actualEnd', instant('actual_end')],
    ['version', 'i.version'],
    [
      'requiredSkills',
      `coalesce((SELECT json_agg(json_build_object('skillId', s.skill_id, 'minLevel', s.min_level) ORDER BY s.skill_id)
      FROM intervention_skills s WHERE s.intervention_id = i.id), '[]'::json)`,
    ],
    ['allowedTransitions', `$2::jsonb -> (i.status::text || ':' || CASE WHEN i.technician_id IS NULL THEN 'f' ELSE 't' END)`],
    ['createdAt', instant('created_at')],
    ['updatedAt', instant('updated_at')],
  ];
  const item = `json_build_object(${fields.map(([key, sql]) => `'${key}', ${sql}`).join(', ')})`;
  // Only the constants above are spliced into the text; the ids and the moves go as parameters. A row
  // deleted between the two reads is simply absent.
  const [row] = await prisma.$queryRawUnsafe<Array<{ items: string }>>(
    `SELECT coalesce(json_agg(${item} ORDER BY page.ord), '[]'::json)::text AS items
       FROM unnest($1::text[]) WITH ORDINALITY AS page(id, ord) JOIN interventions i ON i.id = page.id`,
    ids,
    transitions,
  );
  return row!.items;
}
