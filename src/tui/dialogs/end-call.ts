import type { DialogDefinition } from './types.js';

/** l again on the customer screen: a logged phone call ends only with its summary (the server requires one). */
export const endCallDialog: DialogDefinition<'endCall'> = {
  title: (state) => `End the call #${state.subject.conversationId}`,
  verb: 'ends the call',
  steps: [
    () => ({
      kind: 'text',
      key: 'summary',
      title: 'Summary of the call (what it was about, what was done)',
      validate: (t) => (t.trim() ? undefined : 'a summary is required to end a call'),
    }),
  ],
  submit: async (deps, state, idempotencyKey) => {
    const id = state.subject.conversationId;
    await deps.client.conversations.endCall(id, { summary: (state.values['summary'] ?? '').trim() }, { idempotencyKey });
    // The call is over: l on the customer screen logs a new one from here on.
    deps.store.update((s) => (s.call?.conversationId === id ? { call: undefined } : {}));
    return `Call #${state.subject.conversationId} ended; its summary is noted`;
  },
};
