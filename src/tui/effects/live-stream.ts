import type { LiveEvent } from '../../api/events.js';
import type { Connection } from './connection.js';
import type { EffectContext } from './context.js';
import { reduceLiveEvent, type Reload } from './live-events.js';

/** Follows the live stream: each event through the reducer, then what it asks to reload. */
export function createLiveStream(ctx: EffectContext, connection: Connection, reload: (what: Reload) => void, observe: (event: LiveEvent) => void = () => {}) {
  const { store, client, flash } = ctx;
  let subscription: { close(): void } | undefined;

  function applyEvent(event: LiveEvent): void {
    const outcome = reduceLiveEvent(store.getState(), event);
    store.update(() => outcome.patch);
    for (const what of outcome.reloads) reload(what);
    if (outcome.flash) flash(outcome.flash.text, outcome.flash.kind);
    observe(event);
  }

  /** The connection state shows in the status bar; the stream resumes without gaps. */
  function subscribeLive(): void {
    subscription = client.events.subscribe({
      onEvent: applyEvent,
      onState: (info) => {
        if (info.state === 'connected') connection.reached(true);
        else if (info.state === 'reconnecting') store.update(() => ({ connection: 'reconnecting' }));
        // Refused (a revoked token, say): the API may still answer; only the live updates stopped.
        else if (info.state === 'closed' && info.error) flash(`Live updates stopped: ${info.error.message}`, 'error');
      },
    });
  }

  return { applyEvent, subscribeLive, dispose: () => subscription?.close() };
}
