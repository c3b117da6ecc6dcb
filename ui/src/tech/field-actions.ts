// What the technician does on a visit (en route, on site, the report, a part
// request), recorded in the device's outbox first (IndexedDB, awaited), then
// replicated: the network is never in the way. A conflicted or refused
// action can be sent again, corrected (a report) or dismissed.
import type { CounterUnit } from '@tournee/contracts/counters';
import type { FieldActionInput, VisitSheet } from '@tournee/contracts/replication';
import type { Store } from '../state/store.ts';
import { draftOfReport, reportFields } from './report-draft.ts';
import type { DeviceStore } from './sync/db.ts';
import { nextBase } from './sync/local-view.ts';
import type { QueuedAction, ReportDraft } from './sync/types.ts';
import type { TechState } from './tech-state.ts';

const uuid = (): string => crypto.randomUUID();
const nowIso = (): string => new Date().toISOString();

export interface FieldActionsHooks {
  /** The device store (opened before any action can be taken). */
  readonly device: () => DeviceStore;
  /** Replicates what was just recorded (when the network allows). */
  readonly sync: () => void;
  /** Opens a visit's sheet. */
  readonly open: (visitId: string) => void;
}

export class FieldActions {
  constructor(
    private readonly store: Store<TechState>,
    private readonly hooks: FieldActionsHooks,
  ) {}

  async move(visitId: string, to: 'en_route' | 'on_site', what: string): Promise<void> {
    const base = nextBase(this.visit(visitId), visitId, this.store.get().queue);
    await this.record({ kind: 'status', id: uuid(), createdAt: nowIso(), interventionId: visitId, to, at: nowIso(), ...base }, this.label(visitId, what));
  }

  async saveDraft(draft: ReportDraft): Promise<void> {
    await this.hooks.device().saveDraft(draft);
    this.store.set((s) => ({ drafts: { ...s.drafts, [draft.interventionId]: draft } }));
  }

  /** Closes the visit: its photos (one action each, they are large), then the report. */
  async complete(visitId: string, what: string): Promise<void> {
    const draft = this.store.get().drafts[visitId];
    if (!draft || !draft.workDone.trim() || !draft.timeSpentMinutes) throw new Error('the report needs the work done and the time spent');
    for (const photo of draft.photos) {
      await this.record(
        {
          kind: 'photo',
          id: uuid(),
          createdAt: nowIso(),
          interventionId: visitId,
          photoId: photo.photoId,
          takenAt: photo.takenAt,
          image: photo.dataUrl,
          width: photo.width,
          height: photo.height,
          ...(photo.caption ? { caption: photo.caption } : {}),
        },
        this.label(visitId, `${what} (photo)`),
      );
    }
    const base = nextBase(this.visit(visitId), visitId, this.store.get().queue);
    await this.record(
      { kind: 'complete', id: uuid(), createdAt: nowIso(), interventionId: visitId, ...base, ...reportFields(draft, nowIso()) },
      this.label(visitId, what),
    );
    await this.hooks.device().deleteDraft(visitId);
    this.store.set((s) => {
      const { [visitId]: _done, ...drafts } = s.drafts;
      return { drafts };
    });
  }

  async requestPart(
    request: { partId: string; quantity: number; what: 'part' | 'machine'; interventionId?: string | undefined; note?: string | undefined },
    label: string,
  ): Promise<void> {
    await this.record(
      {
        kind: 'request_part',
        id: uuid(),
        createdAt: nowIso(),
        requestId: uuid(),
        partId: request.partId,
        quantity: request.quantity,
        what: request.what,
        ...(request.interventionId ? { interventionId: request.interventionId } : {}),
        ...(request.note?.trim() ? { note: request.note.trim() } : {}),
      },
      label,
    );
  }

  /** Meter readings taken on the visit (operating hours…): they drive the usage-based service plans. */
  async readCounters(
    reading: { interventionId: string; equipmentId: string; readings: { counter: string; value: number; unit: CounterUnit; reset: boolean }[] },
    label: string,
  ): Promise<void> {
    await this.record({ kind: 'counter_reading', id: uuid(), createdAt: nowIso(), readAt: nowIso(), ...reading }, label);
  }

  /** Sends a conflicted or refused action again, as a new action on what the server holds now. */
  async retry(seq: number): Promise<void> {
    const q = this.store.get().queue.find((x) => x.seq === seq);
    if (!q || (q.state !== 'conflict' && q.state !== 'rejected')) return;
    await this.setState(q, 'dismissed');
    const fresh: FieldActionInput = { ...q.action, id: uuid(), createdAt: nowIso() };
    if (fresh.kind === 'status' || fresh.kind === 'complete') {
      const { baseVersion: _b, after: _a, ...rest } = fresh;
      const base = nextBase(this.visit(fresh.interventionId), fresh.interventionId, this.store.get().queue);
      await this.record({ ...rest, ...base } as FieldActionInput, q.label);
    } else if (fresh.kind === 'request_part') {
      await this.record({ ...fresh, requestId: uuid() }, q.label);
    } else {
      await this.record(fresh, q.label);
    }
  }

  /** A refused report back into the form, to correct (a part the van lacks) and close again. */
  async reopen(seq: number): Promise<void> {
    const q = this.store.get().queue.find((x) => x.seq === seq);
    if (!q || q.action.kind !== 'complete') return;
    await this.setState(q, 'dismissed');
    await this.saveDraft(draftOfReport(q.action, nowIso()));
    this.hooks.open(q.action.interventionId);
  }

  async dismiss(seq: number): Promise<void> {
    const q = this.store.get().queue.find((x) => x.seq === seq);
    if (q && (q.state === 'conflict' || q.state === 'rejected')) await this.setState(q, 'dismissed');
  }

  private visit(id: string): VisitSheet | undefined {
    return this.store.get().portfolio?.visits.find((v) => v.id === id);
  }

  /** One line for lists: "Mme Dupont — Aix: en route". */
  private label(visitId: string, what: string): string {
    const v = this.visit(visitId);
    return v ? `${v.customer.name} — ${v.site.city}: ${what}` : what;
  }

  private async record(action: FieldActionInput, label: string): Promise<void> {
    const queued = await this.hooks.device().record({ action, state: 'pending', label, recordedAt: nowIso() });
    this.store.set((s) => ({ queue: [...s.queue, queued] }));
    this.hooks.sync();
  }

  private async setState(q: QueuedAction, state: QueuedAction['state']): Promise<void> {
    const updated = { ...q, state };
    await this.hooks.device().updateActions([updated]);
    this.store.set((s) => ({ queue: s.queue.map((x) => (x.seq === q.seq ? updated : x)) }));
  }
}
