import { ENTER, ESC } from './key-tokens.js';
import { sanitize } from '../../api/text/sanitize.js';
import type { DialogStateOf } from '../state/dialog-state.js';
import type { DialogDefinition } from './types.js';

// The dialog view escapes its lines but not its titles: the name is escaped here.
const assigneeOf = (state: DialogStateOf<'resolveOthers'>) => sanitize(state.subject.assignee, { multiline: false });

/** e or E on a conversation assigned to another agent: it is theirs, so this asks first and says whose. */
export const resolveOthersDialog: DialogDefinition<'resolveOthers'> = {
  title: (state) => (state.subject.andNext ? 'Resolve someone else’s conversation and claim the next?' : 'Resolve someone else’s conversation?'),
  steps: [
    (state) => ({
      kind: 'confirm',
      danger: true,
      title: `#${state.subject.conversationId} is assigned to ${assigneeOf(state)}`,
      lines: [`It is ${assigneeOf(state)}’s conversation, and they may still be working on it.`, `${ENTER} resolves it anyway; ${ESC} leaves it as it is.`],
    }),
  ],
  submit: (deps, state) => deps.resolveNow(state.subject.conversationId, state.subject.andNext),
};
