import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Store } from '../../state/store.js';
import type { TuiState } from '../../state/types.js';

export const StoreContext = createContext<Store | null>(null);

/** A slice of the state; the component re-renders when the slice changes identity. */
export function useStoreState<T>(select: (state: TuiState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('StoreContext missing');
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
