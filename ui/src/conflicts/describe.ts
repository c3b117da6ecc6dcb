// Both sides of a field conflict as lines to translate: what the technician
// did (from the device's payload, which the server keeps whole) and what the
// office's record says now (the conflict's `current`). Pure: tested without a
// browser. The payload is the action as the device recorded it (see
// contracts/src/replication.ts, FieldAction); it is read defensively,
// since it was stored as the device sent it.
import type { OpenConflict } from '../state/board-state.ts';

export interface Line {
  readonly key: string;
  readonly values?: Record<string, string | number>;
}

export interface ConflictSides {
  /** null: the payload has not arrived yet (a live notice, before the list is read again). */
  readonly field: readonly Line[] | null;
  readonly office: readonly Line[];
  /** A photo action's picture (a data: URL), shown as a thumbnail. */
  readonly photo: string | null;
  /** The payload as JSON, images elided: nothing the technician entered is hidden. */
  readonly raw: string | null;
}

export interface Formats {
  readonly dateTime: (iso: string) => string;
  readonly time: (iso: string) => string;
  /** Minutes → "1 h 30". */
  readonly duration: (minutes: number) => string;
  /** An intervention status as a label; defaults to the raw value. */
  readonly status?: (status: string) => string;
  /** A part request's status as a label; defaults to the raw value. */
  readonly requestStatus?: (status: 'requested' | 'backordered') => string;
}

type Json = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function describeConflict(conflict: OpenConflict, f: Formats): ConflictSides {
  const status = f.status ?? ((s: string) => s);
  return {
    field: conflict.payload ? fieldSide(conflict.kind, conflict.payload, f, status) : null,
    office: officeSide(conflict, status, f.requestStatus ?? ((r) => r)),
    photo: conflict.kind === 'photo' ? photoOf(conflict.payload) : null,
    raw: conflict.payload ? JSON.stringify(elideImages(conflict.payload), null, 2) : null,
  };
}

function fieldSide(kind: OpenConflict['kind'], p: Json, f: Formats, status: (s: string) => string): Line[] {
  const lines: Line[] = [];
  const when = (v: unknown) => (str(v) ? f.time(v as string) : '—');
  switch (kind) {
    case 'status':
      lines.push({ key: 'conflicts.did.status', values: { to: status(str(p.to) ?? '—'), at: when(p.at) } });
      break;
    case 'complete': {
      const work = str(p.workDone);
      if (work) lines.push({ key: 'conflicts.did.work', values: { work } });
      const minutes = num(p.timeSpentMinutes);
      if (minutes !== null) lines.push({ key: 'conflicts.did.timeSpent', values: { duration: f.duration(minutes) } });
      const parts = arr(p.partsUsed).length;
      if (parts > 0) lines.push({ key: 'conflicts.did.parts', values: { count: parts } });
      const settings = arr(p.configurationChanges).length;
      if (settings > 0) lines.push({ key: 'conflicts.did.configuration', values: { count: settings } });
      const signedBy = str(obj(p.signature)?.signedBy);
      if (signedBy) lines.push({ key: 'conflicts.did.signedBy', values: { name: signedBy } });
      if (str(p.completedAt)) lines.push({ key: 'conflicts.did.completedAt', values: { at: when(p.completedAt) } });
      break;
    }
    case 'photo':
      lines.push({ key: 'conflicts.did.photo', values: { at: when(p.takenAt) } });
      if (str(p.caption)) lines.push({ key: 'conflicts.did.caption', values: { caption: str(p.caption)! } });
      break;
    case 'request_part':
      lines.push({ key: 'conflicts.did.request', values: { quantity: num(p.quantity) ?? 1, part: str(p.partId) ?? '—' } });
      if (str(p.note)) lines.push({ key: 'conflicts.did.note', values: { note: str(p.note)! } });
      break;
    case 'counter_reading':
      for (const r of arr(p.readings).map(obj)) {
        if (r)
          lines.push({ key: 'conflicts.did.counter', values: { counter: str(r.counter) ?? '—', value: `${num(r.value) ?? '—'} ${str(r.unit) ?? ''}`.trim() } });
      }
      break;
  }
  return lines;
}

function officeSide(conflict: OpenConflict, status: (s: string) => string, request: NonNullable<Formats['requestStatus']>): Line[] {
  const { visit, shortage, dependsOn, requestStatus } = conflict.current;
  const lines: Line[] = [];
  if (visit) {
    lines.push({ key: 'conflicts.office.status', values: { status: status(visit.status), version: visit.version } });
    if (!visit.assignedToYou) lines.push({ key: 'conflicts.office.notTheirs' });
    if (visit.cancelReason) lines.push({ key: 'conflicts.office.cancelReason', values: { reason: visit.cancelReason } });
  }
  if (shortage) {
    lines.push({
      key: 'conflicts.office.shortage',
      values: { reference: shortage.reference, name: shortage.name, onHand: shortage.onHand, requested: shortage.requested, depot: shortage.depotName ?? '—' },
    });
  }
  if (requestStatus) lines.push({ key: 'conflicts.office.request', values: { status: request(requestStatus) } });
  if (dependsOn) lines.push({ key: 'conflicts.office.dependsOn' });
  if (lines.length === 0) lines.push({ key: 'conflicts.office.none' });
  return lines;
}

function photoOf(payload: Json | undefined): string | null {
  const image = str(payload?.image);
  return image && image.startsWith('data:image/') ? image : null;
}

/** Data URLs (photos, signatures) as a size note: the rest of the payload is shown as it was entered. */
function elideImages(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith('data:') && value.length > 200)
    return `[${value.slice(5, value.indexOf(';'))}, ${Math.round((value.length * 0.75) / 1024)} KB]`;
  if (Array.isArray(value)) return value.map(elideImages);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, elideImages(v)]));
  return value;
}
