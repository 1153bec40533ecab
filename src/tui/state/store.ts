import type { TuiState } from './types.js';

type Listener = () => void;

/** One store for everything the screens show; responses and events go in, screens read slices. */
export class Store {
  #state: TuiState;
  readonly #listeners = new Set<Listener>();

  constructor(initial: TuiState) {
    this.#state = initial;
  }

  getState = (): TuiState => this.#state;

  subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  update(change: (state: TuiState) => Partial<TuiState>): void {
    const patch = change(this.#state);
    if (Object.keys(patch).length === 0) return;
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener();
  }
}

