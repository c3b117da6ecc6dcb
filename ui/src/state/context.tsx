import { createContext, useContext } from 'react';
import type { BoardState } from './board-state.ts';
import type { BoardController } from './controller.ts';
import { useStore } from './store.ts';

export const ControllerContext = createContext<BoardController | null>(null);

export function useController(): BoardController {
  const controller = useContext(ControllerContext);
  if (!controller) throw new Error('useController outside <ControllerContext.Provider>');
  return controller;
}

export function useBoard<T>(selector: (s: BoardState) => T): T {
  return useStore(useController().store, selector);
}
