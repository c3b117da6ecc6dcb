// A visit report between the form and the outbox: the draft the form edits
// turned into the `complete` action's fields, and a refused report turned
// back into a draft to correct.
import type { FieldActionInput } from '@tournee/contracts/replication';
import type { ReportDraft } from './sync/types.ts';

type CompleteAction = Extract<FieldActionInput, { kind: 'complete' }>;

/** The report's part of a `complete` action (ids, dates and the version it builds on are the caller's). */
export function reportFields(
  draft: ReportDraft,
  completedAt: string,
): Pick<CompleteAction, 'workDone' | 'timeSpentMinutes' | 'partsUsed' | 'configurationChanges' | 'signature' | 'photoIds' | 'completedAt'> {
  const configurationChanges = Object.entries(draft.configuration)
    .map(([equipmentId, set]) => ({
      equipmentId,
      set: Object.fromEntries(
        Object.entries(set)
          .filter(([, v]) => v !== '')
          .map(([k, v]) => [k, v === null ? null : parseValue(v)]),
      ),
    }))
    .filter((c) => Object.keys(c.set).length > 0);
  return {
    workDone: draft.workDone.trim(),
    timeSpentMinutes: draft.timeSpentMinutes!,
    partsUsed: draft.partsUsed.filter((p) => p.quantity > 0).map((p) => ({ partId: p.partId, quantity: p.quantity })),
    configurationChanges,
    signature: draft.signature && draft.signedBy.trim() ? { signedBy: draft.signedBy.trim(), image: draft.signature } : null,
    photoIds: draft.photos.map((p) => p.photoId),
    completedAt,
  };
}

/** A refused report back as a draft (its photos were sent as actions of their own and are not taken again). */
export function draftOfReport(action: CompleteAction, updatedAt: string): ReportDraft {
  const configuration: Record<string, Record<string, string | null>> = {};
  for (const c of action.configurationChanges ?? [])
    configuration[c.equipmentId] = Object.fromEntries(Object.entries(c.set).map(([k, v]) => [k, v === null ? null : String(v)]));
  return {
    interventionId: action.interventionId,
    workDone: action.workDone,
    timeSpentMinutes: action.timeSpentMinutes,
    partsUsed: action.partsUsed ?? [],
    configuration,
    photos: [],
    signedBy: action.signature?.signedBy ?? '',
    signature: action.signature?.image ?? null,
    updatedAt,
  };
}

/** A typed configuration value: numbers and booleans as such, text otherwise. */
export function parseValue(text: string): string | number | boolean {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return text;
}
