import type { SupportClient } from '../../client/support-client.js';
import type { Store } from '../state/store.js';
import { MESSAGE_LOG_LIMIT } from '../state/types.js';

/** What every effect module shares: the store, the client, the status-bar message, and whether the workspace is gone. */
export interface EffectContext {
  store: Store;
  client: SupportClient;
  flash(text: string, kind?: 'info' | 'error'): void;
  disposed(): boolean;
}

export function createEffectContext(store: Store, client: SupportClient): EffectContext & { dispose(): void } {
  let gone = false;
  return {
    store,
    client,
    /** A status-bar message; the bar may cut it, so the message log keeps it whole. */
    flash(text, kind = 'info') {
      const message = { text, kind, at: Date.now() };
      store.update((s) => ({ flash: message, messageLog: [...s.messageLog, message].slice(-MESSAGE_LOG_LIMIT) }));
    },
    disposed: () => gone,
    dispose: () => {
      gone = true;
    },
  };
}
