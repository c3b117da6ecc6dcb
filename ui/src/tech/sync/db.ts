// The device's copy of everything (IndexedDB through `idb`, a thin promise
// wrapper over the standard API): the session, the portfolio as of the last
// synchronization, the outbox, report drafts, assignment notices and the
// positions not yet sent. Every write that must survive a crash — an action,
// a notice before its acknowledgement — is awaited before the app moves on.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Portfolio } from '@tournee/contracts/replication';
import type { Notice, PendingPosition, QueuedAction, ReportDraft, Session } from './types.ts';

const NAME = 'tournee-tech';
const VERSION = 1;

interface Meta {
  session: Session;
  /** The last assignment sequence applied (sent as `lastSequence` on reconnect). */
  lastSequence: number;
  onDuty: boolean;
  /** Whose data the stores hold: another technician logging in starts clean. */
  owner: string;
}

interface TechDb extends DBSchema {
  meta: { key: keyof Meta; value: Meta[keyof Meta] };
  portfolio: { key: 'current'; value: Portfolio };
  actions: { key: number; value: QueuedAction; indexes: { byState: string } };
  drafts: { key: string; value: ReportDraft };
  notices: { key: number; value: Notice };
  positions: { key: number; value: PendingPosition };
}

export class DeviceStore {
  private constructor(private readonly db: IDBPDatabase<TechDb>) {}

  static async open(name = NAME): Promise<DeviceStore> {
    const db = await openDB<TechDb>(name, VERSION, {
      upgrade(db) {
        db.createObjectStore('meta');
        db.createObjectStore('portfolio');
        db.createObjectStore('actions', { keyPath: 'seq', autoIncrement: true }).createIndex('byState', 'state');
        db.createObjectStore('drafts', { keyPath: 'interventionId' });
        db.createObjectStore('notices', { keyPath: 'sequence' });
        db.createObjectStore('positions', { keyPath: 'id', autoIncrement: true });
      },
    });
    return new DeviceStore(db);
  }

  async meta<K extends keyof Meta>(key: K): Promise<Meta[K] | undefined> {
    return (await this.db.get('meta', key)) as Meta[K] | undefined;
  }
  async setMeta<K extends keyof Meta>(key: K, value: Meta[K]): Promise<void> {
    await this.db.put('meta', value, key);
  }
  async deleteMeta(key: keyof Meta): Promise<void> {
    await this.db.delete('meta', key);
  }

  portfolio(): Promise<Portfolio | undefined> {
    return this.db.get('portfolio', 'current');
  }
  async setPortfolio(portfolio: Portfolio): Promise<void> {
    await this.db.put('portfolio', portfolio, 'current');
  }

  /** Every action, in recording order. */
  actions(): Promise<QueuedAction[]> {
    return this.db.getAll('actions');
  }
  async pending(): Promise<QueuedAction[]> {
    return (await this.db.getAllFromIndex('actions', 'byState', 'pending')).sort((a, b) => a.seq! - b.seq!);
  }
  /** Records an action; resolves once it is on disk, with its place in the order. */
  async record(action: Omit<QueuedAction, 'seq'>): Promise<QueuedAction> {
    const seq = await this.db.add('actions', action as QueuedAction);
    return { ...action, seq };
  }
  async updateActions(updates: readonly QueuedAction[]): Promise<void> {
    const tx = this.db.transaction('actions', 'readwrite');
    await Promise.all([...updates.map((q) => tx.store.put(q)), tx.done]);
  }
  /** Applied actions older than this are history the server holds: forgotten. */
  async pruneApplied(before: string): Promise<void> {
    const tx = this.db.transaction('actions', 'readwrite');
    for (const q of await tx.store.index('byState').getAll('applied')) {
      if ((q.answeredAt ?? q.recordedAt) < before) await tx.store.delete(q.seq!);
    }
    await tx.done;
  }

  drafts(): Promise<ReportDraft[]> {
    return this.db.getAll('drafts');
  }
  async saveDraft(draft: ReportDraft): Promise<void> {
    await this.db.put('drafts', draft);
  }
  async deleteDraft(interventionId: string): Promise<void> {
    await this.db.delete('drafts', interventionId);
  }

  notices(): Promise<Notice[]> {
    return this.db.getAll('notices');
  }
  /** Stores pushed assignments and the new last sequence together: acknowledged only once both are on disk. */
  async receiveNotices(notices: readonly Notice[], lastSequence: number): Promise<void> {
    const tx = this.db.transaction(['notices', 'meta'], 'readwrite');
    for (const n of notices) await tx.objectStore('notices').put(n);
    await tx.objectStore('meta').put(lastSequence, 'lastSequence');
    await tx.done;
  }
  async markNoticesSeen(): Promise<void> {
    const tx = this.db.transaction('notices', 'readwrite');
    for (const n of await tx.store.getAll()) if (!n.seen) await tx.store.put({ ...n, seen: true });
    await tx.done;
  }

  async addPosition(position: PendingPosition): Promise<void> {
    await this.db.add('positions', position);
  }
  positions(limit = 1000): Promise<PendingPosition[]> {
    return this.db.getAll('positions', undefined, limit);
  }
  async deletePositions(ids: readonly number[]): Promise<void> {
    const tx = this.db.transaction('positions', 'readwrite');
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  }
  countPositions(): Promise<number> {
    return this.db.count('positions');
  }

  /** Another technician on this device: their predecessor's data goes (only once nothing is left to send). */
  async clearAll(): Promise<void> {
    const names = ['meta', 'portfolio', 'actions', 'drafts', 'notices', 'positions'] as const;
    const tx = this.db.transaction([...names], 'readwrite');
    await Promise.all([...names.map((n) => tx.objectStore(n).clear()), tx.done]);
  }

  close(): void {
    this.db.close();
  }
}
