import { Value } from 'typebox/value';
import { AgentId } from '../../../api/schemas/agent.js';
import { SendMessageRequest } from '../../../api/schemas/conversation.js';
import { TransferRequest, UpdateConversationRequest } from '../../../api/schemas/workflow.js';
import { isApiError } from '../../../client/errors.js';
import { checkRequest, maxLengthOf, present } from './check-request.js';
import { notFound, optional, replayed, required, type ActionSpec, type BulkContext, type Problem, type Target } from './spec.js';

function conversationNumber(fields: Record<string, string>, problem: Problem): number | undefined {
  const raw = required(fields, 'conversation', problem);
  if (raw === undefined) return undefined;
  const digits = raw.replace(/^#/, '');
  if (!/^\d{1,9}$/.test(digits) || Number(digits) < 1) {
    problem('conversation', `"${raw}" is not a conversation id (a number such as 42)`);
    return undefined;
  }
  return Number(digits);
}

const tagList = (value: string | undefined): string[] => (value === undefined ? [] : value.split(/[\s,;]+/).filter(Boolean));

/** An agt_ id, as the contract writes it; anything else is taken for an email. */
const isAgentId = (value: string): boolean => Value.Check(AgentId, value);

const TAG_IS = 'a tag: lowercase letters, digits, - or _ (at most 32)';

async function lookupConversation(context: BulkContext, id: string): Promise<Target | null> {
  try {
    const detail = await context.client.conversations.get(Number(id));
    return { status: detail.conversation.status, assigneeId: detail.conversation.assignee?.id ?? null };
  } catch (error) {
    if (notFound(error)) return null;
    throw error;
  }
}

interface ConversationRow {
  conversation: number;
}

export const resolve: ActionSpec<ConversationRow> = {
  noun: ['conversation', 'conversations'],
  verb: 'resolve',
  columns: [{ name: 'conversation', required: true, help: 'conversation id (42 or #42)' }],
  example: ['conversation', '42', '#57'],
  parse(fields, problem) {
    const conversation = conversationNumber(fields, problem);
    return conversation ? { conversation } : undefined;
  },
  target: (row) => String(row.conversation),
  targetColumn: 'conversation',
  lookup: lookupConversation,
  preview: (row, t) => (t.status === 'resolved' ? `nothing to do: #${row.conversation} is resolved already` : `would resolve #${row.conversation} (${t.status})`),
  async execute({ client }, row) {
    try {
      const done = await client.conversations.resolve(row.conversation);
      return { outcome: 'ok', id: String(row.conversation), detail: done.conversation.status };
    } catch (error) {
      // Resolving has no key: a row re-sent after a crash finds the conversation resolved by its first try.
      if (isApiError(error) && error.code === 'invalid_transition') {
        const now = await client.conversations.get(row.conversation);
        if (now.conversation.status === 'resolved') return { outcome: 'skipped', id: String(row.conversation), detail: 'resolved already' };
      }
      throw error;
    }
  },
};

interface MessageRow {
  conversation: number;
  body: string;
}

/** Messages are idempotent by clientMessageId: the row's key, shortened to what the API accepts. */
const clientMessageId = (key: string) => key.replace(/[^0-9A-Za-z_-]/g, '').slice(0, 64);

export function messageAction(kind: 'reply' | 'note'): ActionSpec<MessageRow> {
  return {
    noun: ['conversation', 'conversations'],
    verb: kind === 'reply' ? 'reply to' : 'add a note to',
    columns: [
      { name: 'conversation', required: true, help: 'conversation id (42 or #42)' },
      { name: 'body', required: true, help: `the ${kind === 'reply' ? 'reply the customer reads' : 'internal note (customers never see it)'}; at most ${maxLengthOf(SendMessageRequest.properties.body)} characters` },
    ],
    example:
      kind === 'reply'
        ? ['conversation,body', '42,"Your refund is on its way; it shows in 1-3 days."', '57,"We have unfrozen your wallet. Thank you for your patience."']
        : ['conversation,body', '42,Refund 12.50 CNY sent in bulk run 2026-11-23', '57,"Checked with payments team, see case 4471"'],
    parse(fields, problem) {
      const conversation = conversationNumber(fields, problem);
      const body = required(fields, 'body', problem);
      const checked = checkRequest(SendMessageRequest, present({ body, kind }), { body: { column: 'body' } }, problem);
      return conversation && body && checked ? { conversation, body } : undefined;
    },
    target: (row) => String(row.conversation),
    targetColumn: 'conversation',
    lookup: lookupConversation,
    preview: (row, t) => (t.status === 'closed' ? `would be refused: #${row.conversation} is closed` : `would ${kind === 'reply' ? 'reply on' : 'add a note to'} #${row.conversation} (${t.status})`),
    async execute({ client }, row, key) {
      const sent = await client.conversations.send(row.conversation, { body: row.body, kind, clientMessageId: clientMessageId(key) });
      return replayed(sent.replayed, String(sent.message.id), kind === 'reply' ? 'reply sent' : 'note added');
    },
  };
}

interface AssignRow {
  conversation: number;
  agent: string;
  note?: string;
}

export const assign: ActionSpec<AssignRow> = {
  noun: ['conversation', 'conversations'],
  verb: 'assign',
  columns: [
    { name: 'conversation', required: true, help: 'conversation id (42 or #42)' },
    { name: 'agent', required: true, help: 'the agent: email or agt_ id' },
    { name: 'note', required: false, help: 'why, for that agent (stored as an internal note)' },
  ],
  example: ['conversation,agent,note', '42,mei@example.com,Takeover suspected: please verify identity', '57,agt_Budi0001,'],
  parse(fields, problem, context) {
    const conversation = conversationNumber(fields, problem);
    const raw = required(fields, 'agent', problem);
    let agent: string | undefined;
    if (raw !== undefined) {
      if (isAgentId(raw)) agent = raw;
      else {
        agent = context.agents?.get(raw.toLowerCase());
        if (!agent) problem('agent', `no agent has the email ${raw}`);
      }
    }
    const note = optional(fields, 'note');
    const checked = checkRequest(TransferRequest, present({ note }), { note: { column: 'note' } }, problem);
    return conversation && agent && checked ? { conversation, agent, ...(note ? { note } : {}) } : undefined;
  },
  target: (row) => String(row.conversation),
  targetColumn: 'conversation',
  lookup: lookupConversation,
  preview: (row, t) => (t.assigneeId === row.agent ? `nothing to do: #${row.conversation} is assigned to ${row.agent} already` : `would assign #${row.conversation} (${t.status}) to ${row.agent}`),
  async execute({ client }, row) {
    try {
      const conversation = await client.conversations.transfer(row.conversation, { toAgentId: row.agent, ...(row.note ? { note: row.note } : {}) });
      return { outcome: 'ok', id: String(row.conversation), detail: `assigned to ${conversation.assignee?.name ?? row.agent}` };
    } catch (error) {
      if (isApiError(error) && error.code === 'already_assigned') return { outcome: 'skipped', id: String(row.conversation), detail: 'assigned there already' };
      throw error;
    }
  },
};

interface TagRow {
  conversation: number;
  add: string[];
  remove: string[];
}

export const tag: ActionSpec<TagRow> = {
  noun: ['conversation', 'conversations'],
  verb: 'tag',
  columns: [
    { name: 'conversation', required: true, help: 'conversation id (42 or #42)' },
    { name: 'add', required: false, help: 'tags to add, separated by spaces or ;' },
    { name: 'remove', required: false, help: 'tags to remove, separated by spaces or ;' },
  ],
  example: ['conversation,add,remove', '42,vip repeat-contact,', '57,,kyc'],
  parse(fields, problem) {
    const conversation = conversationNumber(fields, problem);
    const add = tagList(optional(fields, 'add'));
    const remove = tagList(optional(fields, 'remove'));
    if (!add.length && !remove.length) problem('add', 'is empty, and so is remove: say which tags to add or remove');
    const request = { ...(add.length ? { addTags: add } : {}), ...(remove.length ? { removeTags: remove } : {}) };
    const checked = checkRequest(UpdateConversationRequest, request, { addTags: { column: 'add', is: TAG_IS }, removeTags: { column: 'remove', is: TAG_IS } }, problem);
    return conversation && checked && (add.length || remove.length) ? { conversation, add, remove } : undefined;
  },
  target: (row) => String(row.conversation),
  targetColumn: 'conversation',
  lookup: lookupConversation,
  preview: (row) => `would tag #${row.conversation}${row.add.length ? ` +${row.add.join(' +')}` : ''}${row.remove.length ? ` -${row.remove.join(' -')}` : ''}`,
  async execute({ client }, row) {
    // Adding and removing tags is idempotent by nature: sending a row twice leaves the same tags.
    const conversation = await client.conversations.update(row.conversation, { ...(row.add.length ? { addTags: row.add } : {}), ...(row.remove.length ? { removeTags: row.remove } : {}) });
    return { outcome: 'ok', id: String(row.conversation), detail: conversation.tags.map((t) => `#${t}`).join(' ') || '(no tags)' };
  },
};
