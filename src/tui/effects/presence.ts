import type { EffectContext } from './context.js';

const PRESENCE_EVERY_MS = 10_000;
/** Keys in the reply box this recently make us "typing" rather than "viewing". */
const TYPING_MS = 5000;

/** Presence: "viewing" while a conversation is open, "typing" while its reply box has recent keys. */
export function createPresence(ctx: EffectContext) {
  const { store, client } = ctx;
  let presenceTimer: NodeJS.Timeout | undefined;
  let presenceFor: number | undefined;
  let typedAt = 0;
  let sentState: 'viewing' | 'typing' | undefined;

  function sendPresence(): void {
    if (presenceFor === undefined || ctx.disposed()) return;
    const id = presenceFor;
    const state = store.getState().composing && Date.now() - typedAt < TYPING_MS ? 'typing' : 'viewing';
    sentState = state;
    client.conversations.presence(id, state).then(
      (presence) => store.update((s) => ({ presence: { ...s.presence, [id]: presence } })),
      () => {},
    );
  }

  function startPresence(id: number): void {
    presenceFor = id;
    typedAt = 0;
    sendPresence();
    if (presenceTimer) clearInterval(presenceTimer);
    presenceTimer = setInterval(sendPresence, PRESENCE_EVERY_MS);
    presenceTimer.unref();
  }

  /** Called as the agent types in a reply: others see "typing" within a moment, not at the next beat. */
  function noteTyping(): void {
    typedAt = Date.now();
    if (sentState !== 'typing') sendPresence();
  }

  function leaveConversation(id: number): void {
    if (presenceTimer) clearInterval(presenceTimer);
    presenceTimer = undefined;
    presenceFor = undefined;
    sentState = undefined;
    client.conversations.leave(id).catch(() => {});
  }

  function dispose(): void {
    if (presenceTimer) clearInterval(presenceTimer);
  }

  return { startPresence, noteTyping, leaveConversation, dispose };
}

export type Presence = ReturnType<typeof createPresence>;
