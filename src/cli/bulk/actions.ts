import { FREEZE_REASONS, REFUND_REASONS, VERIFICATION_METHODS } from '../../api/enums.js';
import { isCurrency } from '../../api/currencies.js';
import { displayMoney, formatMoney, MoneyError, parseMoney } from '../../api/money.js';
import type { Currency } from '../../api/currencies.js';
import { isApiError } from '../../client/errors.js';
import type { SupportClient } from '../../client/support-client.js';

export const BULK_ACTIONS = ['freeze', 'unfreeze', 'refund', 'resolve', 'reply', 'note', 'assign', 'tag'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export interface Column {
  name: string;
  required: boolean;
  help: string;
}

/** What the server said about the row's target, read once per distinct target before anything runs. */
export type Target = { status: string; currency?: Currency; refundable?: number; assigneeId?: string | null; label?: string };

export interface RowDone {
  outcome: 'ok' | 'skipped';
  /** What was made or changed: the refund, the account, the message. */
  id: string | null;
  detail: string;
}

export interface BulkContext {
  /** Sends the rows: no retries of its own, the runner retries with backoff and counts them. */
  client: SupportClient;
  /** Reads for validation and --dry-run (retried by the caller). */
  reader: SupportClient;
  /** Agent ids by lower-case email, for assign. */
  agents?: Map<string, string>;
}

type Problem = (column: string, message: string) => void;

export interface ActionSpec<P> {
  /** "freeze 1,204 accounts" */
  noun: [string, string];
  verb: string;
  columns: Column[];
  example: string[];
  /** Checks one row without the server; calls `problem` for each bad field. */
  parse(fields: Record<string, string>, problem: Problem, context: BulkContext): P | undefined;
  /** The id the server is asked about (account, payment, conversation). */
  target(payload: P): string;
  targetColumn: string;
  /** null: no such thing. */
  lookup(context: BulkContext, id: string): Promise<Target | null>;
  /** Checks the row against what the server said; the message names what is wrong. */
  checkTarget?(payload: P, target: Target): { column: string; message: string } | undefined;
  /** What the row would do now, for --dry-run. */
  preview(payload: P, target: Target): string;
  execute(context: BulkContext, payload: P, key: string): Promise<RowDone>;
}

const ACCOUNT = /^wal_[0-9A-Za-z]{6,32}$/;
const TRANSACTION = /^txn_[0-9A-Za-z]{6,32}$/;
const AGENT = /^agt_[0-9A-Za-z]{6,32}$/;
const TAG = /^[a-z0-9][a-z0-9_-]{0,31}$/;

function required(fields: Record<string, string>, name: string, problem: Problem): string | undefined {
  const value = fields[name]?.trim();
  if (!value) {
    problem(name, 'is empty');
    return undefined;
  }
  return value;
}

function optional(fields: Record<string, string>, name: string): string | undefined {
  const value = fields[name]?.trim();
  return value ? value : undefined;
}

function oneOf<T extends string>(value: string | undefined, values: readonly T[], column: string, problem: Problem): T | undefined {
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    problem(column, `"${value}" is not one of ${values.join(', ')}`);
    return undefined;
  }
  return value as T;
}

function text(value: string | undefined, max: number, column: string, problem: Problem): string | undefined {
  if (value !== undefined && value.length > max) problem(column, `is longer than ${max} characters`);
  return value;
}

function matching(value: string | undefined, pattern: RegExp, what: string, column: string, problem: Problem): string | undefined {
  if (value !== undefined && !pattern.test(value)) {
    problem(column, `"${value}" is not ${what}`);
    return undefined;
  }
  return value;
}

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

function tagList(value: string | undefined, column: string, problem: Problem): string[] {
  if (value === undefined) return [];
  const tags = value.split(/[\s,;]+/).filter(Boolean);
  const bad = tags.find((t) => !TAG.test(t));
  if (bad !== undefined) problem(column, `"${bad}" is not a tag: lowercase letters, digits, - or _ (at most 32)`);
  return tags;
}

const notFound = (error: unknown) => isApiError(error) && error.status === 404;

async function lookupAccount(context: BulkContext, id: string): Promise<Target | null> {
  try {
    const detail = await context.reader.accounts.get(id);
    return { status: detail.account.status, currency: detail.account.balance.currency, label: displayMoney(detail.account.balance) };
  } catch (error) {
    if (notFound(error)) return null;
    throw error;
  }
}

async function lookupConversation(context: BulkContext, id: string): Promise<Target | null> {
  try {
    const detail = await context.reader.conversation(Number(id));
    return { status: detail.conversation.status, assigneeId: detail.conversation.assignee?.id ?? null };
  } catch (error) {
    if (notFound(error)) return null;
    throw error;
  }
}

const replayed = (was: boolean, id: string | null, detail: string): RowDone =>
  was ? { outcome: 'skipped', id, detail: `done before with this row's key: ${detail}` } : { outcome: 'ok', id, detail };

interface FreezeRow {
  account: string;
  reason: (typeof FREEZE_REASONS)[number];
  note: string;
}

const freeze: ActionSpec<FreezeRow> = {
  noun: ['account', 'accounts'],
  verb: 'freeze',
  columns: [
    { name: 'account', required: true, help: 'wallet account id (wal_…)' },
    { name: 'reason', required: true, help: FREEZE_REASONS.join(' | ') },
    { name: 'note', required: true, help: 'what happened, for the next person who reads the account (at most 2000 characters)' },
  ],
  example: ['account,reason,note', 'wal_8Kq2mZ4T,fraud_review,"Chargebacks from one merchant, case 4471"', 'wal_3Hn7pQ2x,suspected_takeover,Unknown device'],
  parse(fields, problem) {
    const account = matching(required(fields, 'account', problem), ACCOUNT, 'an account id (wal_…)', 'account', problem);
    const reason = oneOf(required(fields, 'reason', problem), FREEZE_REASONS, 'reason', problem);
    const note = text(required(fields, 'note', problem), 2000, 'note', problem);
    return account && reason && note ? { account, reason, note } : undefined;
  },
  target: (row) => row.account,
  targetColumn: 'account',
  lookup: lookupAccount,
  preview: (row, t) => (t.status === 'active' ? `would freeze ${row.account} (${t.label}): active → frozen` : `would be refused: ${row.account} is ${t.status}`),
  async execute({ client }, row, key) {
    const done = await client.accounts.freeze(row.account, { reason: row.reason, note: row.note }, { idempotencyKey: key });
    return replayed(done.replayed, row.account, `${done.result.change.from} → ${done.result.change.to}`);
  },
};

interface UnfreezeRow {
  account: string;
  method: (typeof VERIFICATION_METHODS)[number];
  reference: string;
  verifiedBy?: string;
  note?: string;
}

const unfreeze: ActionSpec<UnfreezeRow> = {
  noun: ['account', 'accounts'],
  verb: 'unfreeze',
  columns: [
    { name: 'account', required: true, help: 'wallet account id (wal_…)' },
    { name: 'method', required: true, help: `how the identity was verified: ${VERIFICATION_METHODS.join(' | ')}` },
    { name: 'reference', required: true, help: 'document number, call recording or ticket that proves it (at most 200 characters)' },
    { name: 'verified_by', required: false, help: 'who verified, if not you (agt_…)' },
    { name: 'note', required: false, help: 'anything the next person should know' },
  ],
  example: ['account,method,reference,verified_by,note', 'wal_8Kq2mZ4T,video_call,VC-2026-118,,Customer confirmed on video', 'wal_3Hn7pQ2x,id_document,KTP 3174…,agt_Lead0001,'],
  parse(fields, problem) {
    const account = matching(required(fields, 'account', problem), ACCOUNT, 'an account id (wal_…)', 'account', problem);
    const method = oneOf(required(fields, 'method', problem), VERIFICATION_METHODS, 'method', problem);
    const reference = text(required(fields, 'reference', problem), 200, 'reference', problem);
    const verifiedBy = matching(optional(fields, 'verified_by'), AGENT, 'an agent id (agt_…)', 'verified_by', problem);
    const note = text(optional(fields, 'note'), 2000, 'note', problem);
    if (!account || !method || !reference) return undefined;
    return { account, method, reference, ...(verifiedBy ? { verifiedBy } : {}), ...(note ? { note } : {}) };
  },
  target: (row) => row.account,
  targetColumn: 'account',
  lookup: lookupAccount,
  preview: (row, t) => (t.status === 'frozen' ? `would unfreeze ${row.account} (${t.label}): frozen → active` : `would be refused: ${row.account} is ${t.status}`),
  async execute({ client }, row, key) {
    const done = await client.accounts.unfreeze(
      row.account,
      { verification: { method: row.method, reference: row.reference, ...(row.verifiedBy ? { verifiedBy: row.verifiedBy } : {}) }, ...(row.note ? { note: row.note } : {}) },
      { idempotencyKey: key },
    );
    return replayed(done.replayed, row.account, `${done.result.change.from} → ${done.result.change.to}`);
  },
};

interface RefundRow {
  transaction: string;
  /** Minor units; absent: everything left to refund. */
  amount?: number;
  currency?: Currency;
  reason: (typeof REFUND_REASONS)[number];
  note?: string;
}

const refund: ActionSpec<RefundRow> = {
  noun: ['payment', 'payments'],
  verb: 'refund',
  columns: [
    { name: 'transaction', required: true, help: 'the payment to refund (txn_…)' },
    { name: 'amount', required: false, help: 'in the payment’s currency, such as 12.50 or 50000; empty: everything left to refund' },
    { name: 'currency', required: false, help: 'the payment’s currency (IDR, CNY…); required with an amount, so that its decimals are checked' },
    { name: 'reason', required: true, help: REFUND_REASONS.join(' | ') },
    { name: 'note', required: false, help: 'what the customer was told, or why' },
  ],
  example: ['transaction,amount,currency,reason,note', 'txn_4Jx2Qp9LmN7a,12.50,CNY,failed_delivery,Parcel lost', 'txn_9Tr5Wd2KpB4c,50000,IDR,duplicate,', 'txn_2Mn8Xc4VqR1e,,,service_issue,Whole payment back'],
  parse(fields, problem) {
    const transaction = matching(required(fields, 'transaction', problem), TRANSACTION, 'a transaction id (txn_…)', 'transaction', problem);
    const reason = oneOf(required(fields, 'reason', problem), REFUND_REASONS, 'reason', problem);
    const note = text(optional(fields, 'note'), 2000, 'note', problem);
    const rawAmount = optional(fields, 'amount');
    const rawCurrency = optional(fields, 'currency')?.toUpperCase();
    let amount: number | undefined;
    let currency: Currency | undefined;
    let moneyOk = true;
    if (rawCurrency !== undefined) {
      if (isCurrency(rawCurrency)) currency = rawCurrency;
      else {
        problem('currency', `"${rawCurrency}" is not a currency code (IDR, CNY, USD…)`);
        moneyOk = false;
      }
    }
    if (rawAmount !== undefined) {
      if (rawCurrency === undefined) {
        problem('currency', 'is empty: say the currency of the amount, so that its decimals can be checked');
        moneyOk = false;
      } else if (currency) {
        try {
          amount = parseMoney(rawAmount, currency).amount;
          if (amount === 0) {
            problem('amount', 'is zero: a refund must be more than zero');
            moneyOk = false;
          }
        } catch (error) {
          if (!(error instanceof MoneyError)) throw error;
          problem('amount', error.message);
          moneyOk = false;
        }
      }
    }
    if (!transaction || !reason || !moneyOk) return undefined;
    return { transaction, ...(amount !== undefined ? { amount } : {}), ...(currency ? { currency } : {}), reason, ...(note ? { note } : {}) };
  },
  target: (row) => row.transaction,
  targetColumn: 'transaction',
  async lookup({ reader }, id) {
    try {
      const { transaction } = await reader.transactions.get(id);
      return { status: transaction.status, currency: transaction.amount.currency, refundable: transaction.refundable.amount, label: displayMoney(transaction.amount) };
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  },
  checkTarget(row, t) {
    if (row.currency && t.currency && row.currency !== t.currency) return { column: 'currency', message: `payment ${row.transaction} is in ${t.currency}, not ${row.currency}` };
    return undefined;
  },
  preview(row, t) {
    const currency = t.currency!;
    const amount = row.amount ?? t.refundable ?? 0;
    if ((t.refundable ?? 0) === 0) return `would be refused: nothing is left to refund of ${row.transaction}`;
    if (amount > (t.refundable ?? 0)) return `would be refused: ${formatMoney(amount, currency, { grouping: true })} ${currency} is more than the ${formatMoney(t.refundable!, currency, { grouping: true })} ${currency} left to refund`;
    return `would refund ${formatMoney(amount, currency, { grouping: true })} ${currency} of ${row.transaction} (${t.label})`;
  },
  async execute({ client }, row, key) {
    const done = await client.refunds.create(
      { transactionId: row.transaction, ...(row.amount !== undefined ? { amount: row.amount } : {}), reason: row.reason, ...(row.note ? { note: row.note } : {}) },
      { idempotencyKey: key },
    );
    return replayed(done.replayed, done.result.id, `${displayMoney(done.result.amount)} ${done.result.status}`);
  },
};

interface ConversationRow {
  conversation: number;
}

const resolve: ActionSpec<ConversationRow> = {
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
      const done = await client.resolve(row.conversation);
      return { outcome: 'ok', id: String(row.conversation), detail: done.conversation.status };
    } catch (error) {
      // Resolving has no key: a row re-sent after a crash finds the conversation resolved by its first try.
      if (isApiError(error) && error.code === 'invalid_transition') {
        const now = await client.conversation(row.conversation);
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

function messageAction(kind: 'reply' | 'note'): ActionSpec<MessageRow> {
  return {
    noun: ['conversation', 'conversations'],
    verb: kind === 'reply' ? 'reply to' : 'add a note to',
    columns: [
      { name: 'conversation', required: true, help: 'conversation id (42 or #42)' },
      { name: 'body', required: true, help: `the ${kind === 'reply' ? 'reply the customer reads' : 'internal note (customers never see it)'}; at most 20000 characters` },
    ],
    example:
      kind === 'reply'
        ? ['conversation,body', '42,"Your refund is on its way; it shows in 1-3 days."', '57,"We have unfrozen your wallet. Thank you for your patience."']
        : ['conversation,body', '42,Refund 12.50 CNY sent in bulk run 2026-11-23', '57,"Checked with payments team, see case 4471"'],
    parse(fields, problem) {
      const conversation = conversationNumber(fields, problem);
      const body = text(required(fields, 'body', problem), 20000, 'body', problem);
      return conversation && body ? { conversation, body } : undefined;
    },
    target: (row) => String(row.conversation),
    targetColumn: 'conversation',
    lookup: lookupConversation,
    preview: (row, t) => (t.status === 'closed' ? `would be refused: #${row.conversation} is closed` : `would ${kind === 'reply' ? 'reply on' : 'add a note to'} #${row.conversation} (${t.status})`),
    async execute({ client }, row, key) {
      const sent = await client.sendMessage(row.conversation, { body: row.body, kind, clientMessageId: clientMessageId(key) });
      return replayed(sent.replayed, String(sent.message.id), kind === 'reply' ? 'reply sent' : 'note added');
    },
  };
}

interface AssignRow {
  conversation: number;
  agent: string;
  note?: string;
}

const assign: ActionSpec<AssignRow> = {
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
      if (AGENT.test(raw)) agent = raw;
      else {
        agent = context.agents?.get(raw.toLowerCase());
        if (!agent) problem('agent', `no agent has the email ${raw}`);
      }
    }
    const note = text(optional(fields, 'note'), 2000, 'note', problem);
    return conversation && agent ? { conversation, agent, ...(note ? { note } : {}) } : undefined;
  },
  target: (row) => String(row.conversation),
  targetColumn: 'conversation',
  lookup: lookupConversation,
  preview: (row, t) => (t.assigneeId === row.agent ? `nothing to do: #${row.conversation} is assigned to ${row.agent} already` : `would assign #${row.conversation} (${t.status}) to ${row.agent}`),
  async execute({ client }, row) {
    try {
      const conversation = await client.transfer(row.conversation, { toAgentId: row.agent, ...(row.note ? { note: row.note } : {}) });
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

const tag: ActionSpec<TagRow> = {
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
    const add = tagList(optional(fields, 'add'), 'add', problem);
    const remove = tagList(optional(fields, 'remove'), 'remove', problem);
    if (!add.length && !remove.length) problem('add', 'is empty, and so is remove: say which tags to add or remove');
    return conversation && (add.length || remove.length) ? { conversation, add, remove } : undefined;
  },
  target: (row) => String(row.conversation),
  targetColumn: 'conversation',
  lookup: lookupConversation,
  preview: (row) => `would tag #${row.conversation}${row.add.length ? ` +${row.add.join(' +')}` : ''}${row.remove.length ? ` -${row.remove.join(' -')}` : ''}`,
  async execute({ client }, row) {
    // Adding and removing tags is idempotent by nature: sending a row twice leaves the same tags.
    const conversation = await client.updateConversation(row.conversation, { ...(row.add.length ? { addTags: row.add } : {}), ...(row.remove.length ? { removeTags: row.remove } : {}) });
    return { outcome: 'ok', id: String(row.conversation), detail: conversation.tags.map((t) => `#${t}`).join(' ') || '(no tags)' };
  },
};

// Each spec is used through the one row payload type it parses; the map forgets which.
export const ACTIONS: Record<BulkAction, ActionSpec<unknown>> = {
  freeze: freeze as ActionSpec<unknown>,
  unfreeze: unfreeze as ActionSpec<unknown>,
  refund: refund as ActionSpec<unknown>,
  resolve: resolve as ActionSpec<unknown>,
  reply: messageAction('reply') as ActionSpec<unknown>,
  note: messageAction('note') as ActionSpec<unknown>,
  assign: assign as ActionSpec<unknown>,
  tag: tag as ActionSpec<unknown>,
};
