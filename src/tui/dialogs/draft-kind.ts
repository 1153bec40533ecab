import { ENTER, ESC } from './key-tokens.js';
import type { DialogDefinition } from './types.js';

/**
 * Asked before an internal note becomes a reply (Enter or Ctrl+N on a note draft): after it, Enter
 * sends the text to the customer. Esc keeps it a note.
 */
export const makeReplyDialog: DialogDefinition<'makeReply'> = {
  title: () => 'Make this internal note a reply?',
  steps: [
    (state) => ({
      kind: 'confirm',
      danger: true,
      title: 'This draft is an internal note',
      lines: [
        `As a reply, ${ENTER} sends it to ${state.subject.customer ?? 'the customer'}, who will read it.`,
        `${ESC} keeps it an internal note.`,
      ],
    }),
  ],
  submit: async (deps, state) => {
    const id = state.subject.conversationId;
    deps.store.update((s) => ({ composing: true, composeKind: { ...s.composeKind, [id]: 'reply' } }));
    return 'The draft is now a reply: the customer will see it';
  },
  changesServer: false,
};
