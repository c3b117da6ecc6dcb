import { createContext, useContext } from 'react';
import { useStore } from '../state/store.ts';
import type { TechController } from './controller.ts';
import type { TechState } from './tech-state.ts';

export const TechContext = createContext<TechController | null>(null);

export function useTechController(): TechController {
  const controller = useContext(TechContext);
  if (!controller) throw new Error('useTechController outside <TechContext.Provider>');
  return controller;
}

/** Selectors must return stored references or primitives (see ../state/store.ts). */
export function useTech<T>(selector: (s: TechState) => T): T {
  return useStore(useTechController().store, selector);
}
