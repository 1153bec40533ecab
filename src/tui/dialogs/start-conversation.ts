import { CHANNELS, type Channel } from '../../api/enums.js';
import { oneOf } from './one-of.js';
import type { DialogDefinition } from './types.js';

/** Phone calls are logged with l (start and end, with a summary): this dialog starts the written ones. */
const WRITTEN = CHANNELS.filter((c): c is Exclude<Channel, 'phone'> => c !== 'phone');
const LABELS: Record<Exclude<Channel, 'phone'>, string> = { email: 'Email', chat: 'In-app chat', social: 'Social media' };

/** s on the customer screen: the desk writes first (an outbound email, a chat message), as support conversation create does. */
export const startConversationDialog: DialogDefinition<'startConversation'> = {
  title: () => 'Start a conversation with the customer',
  verb: 'sends it',
  steps: [
    () => ({ kind: 'choice', key: 'channel', title: 'Which channel?', options: WRITTEN.map((c) => ({ value: c, label: LABELS[c], detail: c })) }),
    () => ({ kind: 'text', key: 'subject', title: 'Subject', validate: (t) => (!t.trim() ? 'a subject is required' : t.trim().length > 200 ? 'at most 200 characters' : undefined) }),
    () => ({ kind: 'text', key: 'body', title: 'First message (the customer will see it)', validate: (t) => (t.trim() ? undefined : 'write the message to send') }),
  ],
  submit: async (deps, state, idempotencyKey) => {
    const channel = oneOf(WRITTEN, state.values['channel']);
    if (!channel) throw new Error('choose a channel first');
    const started = await deps.client.conversations.create(
      state.subject.customerId,
      { channel, subject: (state.values['subject'] ?? '').trim(), body: (state.values['body'] ?? '').trim() },
      { idempotencyKey },
    );
    return `Conversation #${started.result.conversation.id} started by ${channel}; Enter on it opens it`;
  },
};
