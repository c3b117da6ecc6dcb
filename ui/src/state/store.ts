// A small external store (useSyncExternalStore) rather than a state library:
// the board's state is one object updated by the socket and a few actions,
// and components subscribe to slices of it with selectors.
import { useSyncExternalStore } from 'react';

export class Store<S> {
  private listeners = new Set<() => void>();
  constructor(private state: S) {}

  get = (): S => this.state;

  set(update: Partial<S> | ((s: S) => Partial<S>)): void {
    const patch = typeof update === 'function' ? update(this.state) : update;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** One value, replaced whole (the visit being dragged). */
export class Cell<T> {
  private listeners = new Set<() => void>();
  constructor(private value: T) {}

  get = (): T => this.value;

  set(value: T): void {
    if (value === this.value) return;
    this.value = value;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export interface Readable<S> {
  get(): S;
  subscribe(listener: () => void): () => void;
}

/** Selectors must return stored references (or primitives): a new object each call would loop. */
export function useStore<S, T>(store: Readable<S>, selector: (s: S) => T): T {
  return useSyncExternalStore(
    store.subscribe,
    () => selector(store.get()),
    () => selector(store.get()),
  );
}
