// Pushed assignments over socket.io, exactly once in the app. The server keeps
// a per-technician outbox with gapless sequences and replays, on each
// (re)connection, what follows the `lastSequence` the app sends in the
// handshake. Each message goes through the shared reconciliation
// (receiveOutboxMessage): duplicates are dropped, early ones wait for the gap
// to be fetched. What is delivered is stored (with the new last sequence)
// before it is acknowledged, so a crash between the two replays it rather
// than loses it.
import { io, type Socket } from 'socket.io-client';
import { emptyOutbox, receiveOutboxMessage, type OutboxState } from '@tournee/contracts/realtime-reconcile';
import type { ClientToServerEvents, OutboxMessage, ServerToClientEvents } from '../../api/types.ts';

export type ConnectionState = 'connected' | 'connecting' | 'offline';

export interface AssignmentChannelDeps {
  readonly token: () => string | null;
  readonly lastSequence: number;
  /** Persist, then resolve: the messages are acknowledged after. */
  readonly deliver: (messages: readonly OutboxMessage[], lastSequence: number) => Promise<void>;
  /** A change to one of the technician's visits (the portfolio is worth refreshing). */
  readonly onVisitChanged: () => void;
  readonly onConnection: (state: ConnectionState) => void;
  readonly onConnected: () => void;
  /** socket.io's factory (tests pass their own). */
  readonly connect?: (auth: (cb: (data: object) => void) => void) => Socket<ServerToClientEvents, ClientToServerEvents>;
}

const defaultConnect: NonNullable<AssignmentChannelDeps['connect']> = (auth) =>
  io({ auth, transports: ['websocket', 'polling'], reconnectionDelayMax: 10_000 });

export class AssignmentChannel {
  private state: OutboxState;
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  /** Messages are handled one after the other, in arrival order. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: AssignmentChannelDeps) {
    this.state = emptyOutbox(deps.lastSequence);
  }

  get lastSequence(): number {
    return this.state.lastSequence;
  }

  start(): void {
    if (this.socket) return;
    const connect = this.deps.connect ?? defaultConnect;
    // A function: read at every reconnection, so the replay starts after what is stored now.
    const socket = connect((cb) => cb({ token: this.deps.token() ?? '', lastSequence: this.state.lastSequence }));
    this.socket = socket;
    this.deps.onConnection('connecting');
    socket.on('connect', () => {
      this.deps.onConnection('connected');
      this.deps.onConnected();
    });
    socket.on('disconnect', () => this.deps.onConnection(navigator.onLine ? 'connecting' : 'offline'));
    socket.on('connect_error', () => this.deps.onConnection(navigator.onLine ? 'connecting' : 'offline'));
    socket.on('assignment:pushed', (message) => this.enqueue(message));
    socket.on('intervention:changed', () => this.deps.onVisitChanged());
    if (!navigator.onLine) this.offline();
  }

  /** The device lost its network: stop trying (the socket would retry in vain). */
  offline(): void {
    this.socket?.disconnect();
    this.deps.onConnection('offline');
  }

  online(): void {
    if (this.socket && !this.socket.connected) this.socket.connect();
  }

  stop(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  private enqueue(message: OutboxMessage): void {
    this.chain = this.chain.then(() => this.receive(message)).catch((error: unknown) => console.error('[tech] push not stored', error));
  }

  private async receive(message: OutboxMessage): Promise<void> {
    const receipt = receiveOutboxMessage(this.state, message);
    if (receipt.deliver.length > 0) {
      await this.deps.deliver(receipt.deliver, receipt.state.lastSequence);
      this.state = receipt.state;
      this.socket?.emit('assignments:ack', { sequence: this.state.lastSequence }, () => {});
    } else {
      this.state = receipt.state;
    }
    if (receipt.gap) this.fetchAfter(receipt.gap.after);
  }

  private fetchAfter(after: number): void {
    this.socket?.emit('assignments:sync', { after }, (answer) => {
      if (answer.ok) for (const m of answer.data.messages) this.enqueue(m);
    });
  }
}
