import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Actions } from '../../effects/actions.js';
import type { Store, TuiState } from '../../state/store.js';

export const StoreContext = createContext<{ store: Store; actions: Actions } | null>(null);

function useApp() {
  const value = useContext(StoreContext);
  if (!value) throw new Error('StoreContext missing');
  return value;
}

/** A slice of the state; the component re-renders when the slice changes identity. */
export function useStoreState<T>(select: (state: TuiState) => T): T {
  const { store } = useApp();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

export function useActions(): Actions {
  return useApp().actions;
}
