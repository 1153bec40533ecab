import { sql, type Insertable, type Kysely } from 'kysely';
import { CURRENCY_DECIMALS, type Currency } from '../../api/currencies.js';
import type { Category, Channel, ConversationStatus, FailureReason, Language, Priority, TransactionType } from '../../api/enums.js';
import { CATEGORIES, CHANNELS, PRIORITIES } from '../../api/enums.js';
import { displayMoney } from '../../api/money.js';
import { hashPassword } from '../auth/password.js';
import { balanceEffect } from '../domain/ledger.js';
import { previewOf } from '../domain/messages.js';
import { DEFAULT_SLA, dueAtOf } from '../domain/sla.js';
import { recordBulkResolutions } from '../store/desk-resolutions.js';
import type { Engine } from '../store/engine.js';
import type { Database } from '../store/tables.js';
import {
  AGENT_REPLIES,
  CUSTOMER_FOLLOW_UPS,
  fill,
  fillable,
  FOREIGN_MERCHANTS,
  INTERNAL_NOTES,
  MERCHANTS,
  NAMES,
  OPENINGS,
  PAYEES,
  TAGS,
  type StoryTransaction,
} from './corpus.js';
import { insertChunked } from './insert-chunked.js';
import { seedDemoMacrosAndComplaints } from './macros-complaints.js';
import { seedMoneyDemo } from './money.js';
import { demoPaymentMethod } from './payment-methods.js';
import { Rng } from './rng.js';
import { recordSeededHistory, responsesOfThread, type SeededResolution, type SeededResponse } from './seed-history.js';

export const DEMO_PASSWORD = 'demo';

export const DEMO_AGENTS = [
  { email: 'agent@example.com', name: 'Ayu Lestari', role: 'agent', teams: ['payments', 'general'], channels: CHANNELS, categories: CATEGORIES, capacity: 8 },
  { email: 'lead@example.com', name: 'Wei Chen', role: 'supervisor', teams: ['payments', 'security'], channels: CHANNELS, categories: CATEGORIES, capacity: 5 },
  { email: 'admin@example.com', name: 'Sam Admin', role: 'admin', teams: [], channels: CHANNELS, categories: CATEGORIES, capacity: 5 },
  {
    email: 'budi@example.com', name: 'Budi Hartono', role: 'agent', teams: ['general'], channels: ['chat', 'email', 'social'],
    categories: ['payment_failed', 'refund', 'login', 'transfer_delay', 'international', 'complaint', 'other'], capacity: 10,
  },
  {
    email: 'mei@example.com', name: 'Mei Lin', role: 'agent', teams: ['security'], channels: CHANNELS,
    categories: ['account_security', 'login', 'payment_failed', 'other'], capacity: 6,
  },
] as const;

export interface DemoSize {
  customers: number;
  conversations: number;
}

export const DEMO_SIZE: DemoSize = { customers: 240, conversations: 320 };

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

type TxnRow = Insertable<Database['transactions']>;

const FX_RATES: Record<string, Record<string, string>> = {
  IDR: { JPY: '105.2500', USD: '15820.0000', SGD: '11790.5000' },
  CNY: { JPY: '0.0481', USD: '7.2150', SGD: '5.3720' },
};

/** Converts foreign minor units at a decimal-string rate into local minor units, exactly (BigInt). */
function convert(foreignMinor: number, foreign: Currency, local: Currency, rate: string): number {
  const [whole = '0', frac = ''] = rate.split('.');
  const rateScaled = BigInt(whole + frac.padEnd(4, '0').slice(0, 4));
  const numerator = BigInt(foreignMinor) * rateScaled * 10n ** BigInt(CURRENCY_DECIMALS[local]);
  const denominator = 10n ** BigInt(CURRENCY_DECIMALS[foreign]) * 10_000n;
  return Number((numerator + denominator / 2n) / denominator);
}

function amountFor(rng: Rng, currency: Currency, min: number, max: number): number {
  // min and max are in major units; IDR amounts are rounded to 500 like real prices.
  if (currency === 'IDR') return rng.int(min / 500, max / 500) * 500;
  return rng.int(min * 100, max * 100);
}

/**
 * Fills an empty database with the demo desk: agents, customers with IDR and CNY wallets, a ledger of
 * transactions and conversations over every category. Everything but the clock comes from a fixed seed.
 */
export async function seedDemo(db: Kysely<Database>, engine: Engine, now: number, size: DemoSize = DEMO_SIZE) {
  const rng = new Rng(20261123);
  const existing = await db.selectFrom('agents').select('id').limit(1).execute();
  if (existing.length > 0) return { seeded: false as const };

  const passwordHashes = await Promise.all(DEMO_AGENTS.map(() => hashPassword(DEMO_PASSWORD)));
  const agents = DEMO_AGENTS.map((a, i) => ({
    id: rng.id('agt', 8),
    email: a.email,
    name: a.name,
    role: a.role,
    availability: a.role === 'admin' ? 'offline' : 'online',
    password_hash: passwordHashes[i]!,
    teams: JSON.stringify(a.teams),
    channels: JSON.stringify(a.channels),
    categories: JSON.stringify(a.categories),
    capacity: a.capacity,
    created_at: now - 400 * DAY,
  }));
  const workingAgents = agents.filter((a) => a.role !== 'admin');

  const customers: Insertable<Database['customers']>[] = [];
  const accounts: Insertable<Database['wallet_accounts']>[] = [];
  const transactions: TxnRow[] = [];
  const byCustomer = new Map<string, { name: string; language: Language; txns: TxnRow[] }>();

  for (let c = 0; c < size.customers; c++) {
    const language = rng.weighted<Language>([['id', 45], ['zh', 35], ['en', 20]]);
    const names = NAMES[language];
    const name = names.join(rng.pick(names.given), rng.pick(names.family));
    const id = rng.id('cus');
    const createdAt = now - rng.int(30, 900) * DAY;
    customers.push({
      id,
      name,
      email: rng.chance(0.85) ? `${id.slice(4).toLowerCase()}@mail.example` : null,
      phone: rng.chance(0.9) ? `+${language === 'zh' ? '86 1' : language === 'id' ? '62 8' : '65 9'}${String(rng.int(10_000_000, 99_999_999))}` : null,
      language,
      kyc_level: rng.weighted([['full', 60], ['basic', 35], ['none', 5]]),
      two_factor_enabled: rng.chance(0.7) ? 1 : 0,
      created_at: createdAt,
    });
    const currencies: Currency[] =
      language === 'zh' ? ['CNY'] : language === 'id' ? ['IDR'] : [rng.pick<Currency>(['IDR', 'CNY'])];
    if (rng.chance(0.12)) currencies.push(currencies[0] === 'IDR' ? 'CNY' : 'IDR');
    const own: TxnRow[] = [];
    for (const currency of currencies) {
      const account = { id: rng.id('wal', 8), customer_id: id, currency, balance: 0, status: 'active', created_at: createdAt, updated_at: createdAt };
      own.push(...simulateLedger(rng, account.id, currency, now, account));
      accounts.push(account);
    }
    transactions.push(...own);
    byCustomer.set(id, { name, language, txns: own });
  }

  const { conversations, messages, responses, resolutions } = buildConversations(rng, size.conversations, customers, byCustomer, workingAgents, now);

  await db.transaction().execute(async (trx) => {
    await insertChunked(trx, 'agents', agents);
    await insertChunked(trx, 'customers', customers);
    await insertChunked(trx, 'wallet_accounts', accounts);
    await insertChunked(trx, 'transactions', transactions);
    await insertChunked(trx, 'conversations', conversations);
    await insertChunked(trx, 'messages', messages);
    await recordBulkResolutions(trx);
    await recordSeededHistory(trx, responses, resolutions);
    if (engine === 'postgres') {
      await sql`select setval(pg_get_serial_sequence('conversations', 'id'), (select max(id) from conversations))`.execute(trx);
    }
    await seedDemoMacrosAndComplaints(trx, now);
  });
  await seedMoneyDemo(db, now);
  // PostgreSQL plans with table statistics, which autovacuum gathers only a while after a bulk load:
  // until then it guesses a few rows and sorts the whole queue for every page (22 ms instead of 0.3 ms).
  if (engine === 'postgres') await sql`analyze`.execute(db);
  return {
    seeded: true as const,
    counts: { agents: agents.length, customers: customers.length, accounts: accounts.length, transactions: transactions.length, conversations: conversations.length, messages: messages.length },
  };
}

function simulateLedger(
  rng: Rng,
  accountId: string,
  currency: Currency,
  now: number,
  account: { balance: number; updated_at: number },
): TxnRow[] {
  const rows: TxnRow[] = [];
  const big = currency === 'IDR';
  let at = now - rng.int(60, 90) * DAY;
  const post = (row: Omit<TxnRow, 'id' | 'account_id' | 'currency' | 'refunded_amount' | 'created_at'> & { foreign_amount?: number | null }) => {
    const full: TxnRow = {
      id: rng.id('txn', 12),
      account_id: accountId,
      currency,
      refunded_amount: 0,
      created_at: at,
      foreign_amount: null,
      foreign_currency: null,
      exchange_rate: null,
      ...row,
    };
    full.payment_method ??= demoPaymentMethod(full);
    account.balance += balanceEffect(full.type as TransactionType, full.status as 'succeeded', full.amount);
    account.updated_at = at;
    rows.push(full);
  };

  post({ type: 'top_up', status: 'succeeded', amount: amountFor(rng, currency, big ? 500_000 : 500, big ? 5_000_000 : 5_000), failure_reason: null, counterparty: big ? 'Bank BCA Virtual Account' : '支付宝充值', description: 'Top-up' });
  const events = rng.int(8, 25);
  for (let e = 0; e < events; e++) {
    at += rng.int(2 * HOUR, 5 * DAY);
    if (at > now - 10 * MINUTE) break;
    const kind = rng.weighted<TransactionType | 'international'>([
      ['payment', 55], ['top_up', 10], ['transfer_out', 12], ['transfer_in', 10], ['withdrawal', 5], ['international', 8],
    ]);
    const recent = now - at < 3 * DAY;
    if (kind === 'international') {
      const merchant = rng.pick(FOREIGN_MERCHANTS);
      const foreign = merchant.currency as Currency;
      const foreignAmount = foreign === 'JPY' ? rng.int(5, 300) * 100 : rng.int(500, 30_000);
      const rate = FX_RATES[currency]![foreign]!;
      const amount = convert(foreignAmount, foreign, currency, rate);
      const failed = amount > account.balance || rng.chance(0.12);
      post({
        type: 'payment', status: failed ? 'failed' : 'succeeded', amount,
        failure_reason: failed ? (amount > account.balance ? 'insufficient_balance' : rng.pick<FailureReason>(['limit_exceeded', 'network_error'])) : null,
        counterparty: merchant.name, description: `International payment ${displayMoney({ amount: foreignAmount, currency: foreign })}`,
        foreign_amount: foreignAmount, foreign_currency: foreign, exchange_rate: rate,
      });
      continue;
    }
    const incoming = kind === 'top_up' || kind === 'transfer_in';
    const amount = incoming
      ? amountFor(rng, currency, big ? 100_000 : 100, big ? 2_000_000 : 2_000)
      : amountFor(rng, currency, big ? 10_000 : 5, big ? 1_500_000 : 800);
    if (incoming) {
      post({ type: kind, status: 'succeeded', amount, failure_reason: null, counterparty: kind === 'top_up' ? 'Bank transfer top-up' : rng.pick(PAYEES), description: kind === 'top_up' ? 'Top-up' : 'Transfer received' });
      continue;
    }
    let status: 'succeeded' | 'failed' | 'pending' = 'succeeded';
    let reason: FailureReason | null = null;
    if (amount > account.balance) {
      status = 'failed';
      reason = 'insufficient_balance';
    } else if (kind === 'transfer_out' && recent && rng.chance(0.4)) {
      status = 'pending';
    } else if (rng.chance(0.13)) {
      status = 'failed';
      reason = rng.weighted<FailureReason>([['wrong_payee', 2], ['network_error', 4], ['maintenance', 3], ['limit_exceeded', 1]]);
    }
    const counterparty = kind === 'payment' ? rng.pick(MERCHANTS) : rng.pick(PAYEES);
    post({
      type: kind, status, amount, failure_reason: reason, counterparty,
      description: kind === 'payment' ? `Payment to ${counterparty}` : kind === 'withdrawal' ? 'Withdrawal to bank' : `Transfer to ${counterparty}`,
    });
  }
  // Some wallets have a bank transfer still on its way from the last two days.
  const transferAmount = amountFor(rng, currency, big ? 50_000 : 20, big ? 1_500_000 : 800);
  if (rng.chance(0.2) && transferAmount <= account.balance) {
    at = Math.max(at + MINUTE, now - rng.int(20 * HOUR, 48 * HOUR));
    const counterparty = rng.pick(PAYEES);
    post({ type: 'transfer_out', status: 'pending', amount: transferAmount, failure_reason: null, counterparty, description: `Transfer to ${counterparty}` });
  }
  // A quarter of the wallets have a payment from the last day that the merchant's side timed out: the
  // app said "failed", yet the amount is held from the balance until it settles or is reversed. That
  // is what a customer means by "the payment failed but my balance was debited".
  const heldAmount = amountFor(rng, currency, big ? 10_000 : 5, big ? 800_000 : 500);
  if (rng.chance(0.25) && heldAmount <= account.balance) {
    at = Math.max(at + MINUTE, now - rng.int(2 * HOUR, 26 * HOUR));
    const counterparty = rng.pick(MERCHANTS);
    post({ type: 'payment', status: 'pending', amount: heldAmount, failure_reason: 'network_error', counterparty, description: `Payment to ${counterparty}` });
  }
  return rows;
}

/** How urgent a new conversation of this category tends to be: takeovers first. */
export function priorityFor(rng: Rng, category: Category): Priority {
  if (category === 'account_security') return rng.weighted<Priority>([['urgent', 8], ['high', 2]]);
  if (category === 'payment_failed' || category === 'complaint') return rng.weighted<Priority>([['high', 5], ['normal', 4], ['urgent', 1]]);
  return rng.weighted<Priority>([['normal', 6], ['low', 3], ['high', 1]]);
}

export const CATEGORY_WEIGHTS: [Category, number][] = [
  ['payment_failed', 22], ['refund', 16], ['account_security', 10], ['login', 12],
  ['transfer_delay', 12], ['international', 9], ['complaint', 8], ['other', 11],
];

/** The kind of transaction a category's stories are about; each opening may ask for more (corpus `shows`). */
function ofCategory(category: Category, t: StoryTransaction): boolean {
  switch (category) {
    case 'payment_failed': return t.type === 'payment' && t.status !== 'succeeded';
    case 'refund': return t.type === 'payment' && t.status === 'succeeded';
    case 'account_security': return (t.type === 'payment' || t.type === 'transfer_out') && t.status === 'succeeded';
    case 'transfer_delay': return t.type === 'transfer_out' && t.status !== 'failed';
    case 'international': return t.foreign_currency != null;
    default: return false;
  }
}

const NEEDS_TRANSACTION: readonly Category[] = ['payment_failed', 'refund', 'account_security', 'transfer_delay', 'international'];

/**
 * A customer's first message and the transaction it is about, so that the two tell one story: an
 * opening is chosen only when the customer has a transaction that shows what it says. When none of the
 * category's openings fits, the customer writes about something that needs no transaction.
 */
export function storyFor<T extends StoryTransaction>(rng: Rng, category: Category, language: Language, txns: readonly T[]) {
  const openings = [...OPENINGS[category][language]];
  while (openings.length) {
    const opening = openings.splice(rng.int(0, openings.length - 1), 1)[0]!;
    if (!NEEDS_TRANSACTION.includes(category)) return { category, opening, txn: undefined };
    const candidates = txns.filter((t) => ofCategory(category, t) && (opening.shows?.(t) ?? true));
    if (candidates.length) return { category, opening, txn: rng.pick(candidates) };
  }
  const instead = rng.pick<Category>(['login', 'other', 'complaint']);
  return { category: instead, opening: rng.pick(OPENINGS[instead][language]), txn: undefined };
}

function buildConversations(
  rng: Rng,
  count: number,
  customers: Insertable<Database['customers']>[],
  byCustomer: Map<string, { name: string; language: Language; txns: TxnRow[] }>,
  agents: { id: string; name: string; capacity: number }[],
  now: number,
) {
  const conversations: Insertable<Database['conversations']>[] = [];
  const messages: Insertable<Database['messages']>[] = [];
  const responses: SeededResponse[] = [];
  const resolutions: SeededResolution[] = [];
  const channels: [Channel, number][] = [['chat', 50], ['email', 25], ['phone', 10], ['social', 15]];
  const openHeld = new Map<string, number>();

  for (let id = 1; id <= count; id++) {
    const customer = rng.pick(customers);
    const info = byCustomer.get(customer.id)!;
    const drawn = rng.weighted(CATEGORY_WEIGHTS);
    const status = rng.weighted<ConversationStatus>([['open', 55], ['pending', 12], ['snoozed', 5], ['resolved', 25], ['closed', 3]]);
    const priority = priorityFor(rng, drawn);
    const policy = DEFAULT_SLA[priority];
    const done = status === 'resolved' || status === 'closed';
    const turns = status === 'open' ? (rng.chance(0.5) ? 0 : rng.int(1, 3)) : rng.int(1, 5);
    // A desk on a fair day: most clocks have time left, some are close (the last fifth of their window),
    // a few have run out. Each live conversation draws which of the three it is, and its times follow.
    const standing = done ? 'done' : rng.weighted<'within' | 'at_risk' | 'breached'>([['within', 82], ['at_risk', 11], ['breached', 7]]);
    /** A point in a clock's window that leaves it in the drawn standing. */
    const into = (windowMs: number) =>
      standing === 'breached'
        ? rng.int(windowMs * 1.02, windowMs * 1.4)
        : standing === 'at_risk'
          ? rng.int(windowMs * 0.82, windowMs * 0.97)
          : rng.int(Math.max(MINUTE, windowMs * 0.05), windowMs * 0.7);
    const age = done
      ? rng.int(6 * HOUR, 7 * DAY)
      : turns === 0
        ? into(policy.firstResponseMs)
        : // Answered: the resolution clock is the long one; it stays within unless the draw says otherwise.
          Math.max(policy.firstResponseMs + 10 * MINUTE, standing === 'within' || status === 'open' ? rng.int(policy.firstResponseMs + 10 * MINUTE, policy.resolutionMs * 0.7) : into(policy.resolutionMs));
    const createdAt = now - age;
    // The customer writes about something that had already happened.
    const { category, opening, txn } = storyFor(rng, drawn, info.language, info.txns.filter((t) => t.created_at < createdAt - MINUTE));
    const values = {
      name: info.name,
      merchant: txn?.counterparty ?? rng.pick(MERCHANTS),
      amount: txn ? displayMoney({ amount: txn.amount, currency: txn.currency as Currency }) : '',
      txn: txn?.id ?? '',
      status: txn?.status ?? 'succeeded',
    };
    // Agents start below capacity (three claims of room), so claiming works from the first minute.
    const picked = status === 'open' ? (rng.chance(0.3) ? rng.pick(agents) : null) : rng.pick(agents);
    const assignee = status === 'open' && picked && (openHeld.get(picked.id) ?? 0) >= picked.capacity - 3 ? null : picked;
    if (status === 'open' && assignee) openHeld.set(assignee.id, (openHeld.get(assignee.id) ?? 0) + 1);

    const thread: { author: 'customer' | 'agent' | 'note'; body: string; at: number }[] = [{ author: 'customer', body: fill(opening.body, values), at: createdAt }];
    let at = createdAt;
    const span = age - MINUTE;
    for (let t = 0; t < turns && at < createdAt + span; t++) {
      at = Math.min(createdAt + span, at + rng.int(MINUTE, Math.max(MINUTE, Math.floor(span / (turns + 1)))));
      if (rng.chance(0.15) && assignee) thread.push({ author: 'note', body: fill(rng.pick(INTERNAL_NOTES.filter((t) => fillable(t, values))), values), at });
      thread.push({ author: 'agent', body: fill(rng.pick(AGENT_REPLIES[info.language].filter((t) => fillable(t, values))), values), at: at + 1 });
      if (t < turns - 1 || status === 'open' || rng.chance(0.5)) {
        at += rng.int(MINUTE, 20 * MINUTE);
        if (at < now) thread.push({ author: 'customer', body: rng.pick(CUSTOMER_FOLLOW_UPS[info.language]), at });
      }
    }
    const lastEntry = thread.at(-1)!;
    if (status === 'open' && turns > 0 && lastEntry.author === 'customer' && thread.length > 1) {
      // The customer's latest message starts the next-response clock: it stands as drawn.
      lastEntry.at = Math.max(thread.at(-2)!.at + MINUTE, now - into(policy.nextResponseMs));
    }
    const firstReply = thread.find((m) => m.author === 'agent');
    const last = thread.at(-1)!;
    const lastPublic = [...thread].reverse().find((m) => m.author !== 'note')!;
    // Clocks exist while the conversation is not done; pending pauses the response clocks, snoozed all.
    const live = !done;
    const nextFrom = firstReply && lastPublic.author === 'customer' ? lastPublic.at : null;
    const pausedAt = Math.min(now, last.at + MINUTE);
    const clock = {
      status,
      first_response_due_at: live && !firstReply ? createdAt + policy.firstResponseMs : null,
      first_response_started_at: live && !firstReply ? createdAt : null,
      next_response_due_at: live && nextFrom !== null ? nextFrom + policy.nextResponseMs : null,
      next_response_started_at: live && nextFrom !== null ? nextFrom : null,
      resolution_due_at: live ? createdAt + policy.resolutionMs : null,
      resolution_started_at: live ? createdAt : null,
      response_paused_at: status === 'open' ? null : pausedAt,
      resolution_paused_at: status === 'open' || status === 'pending' ? null : pausedAt,
    };
    const tags = rng.chance(0.35) ? [rng.pick(TAGS)] : [];
    if (category === 'account_security' && !tags.includes('fraud-suspected')) tags.push('fraud-suspected');

    conversations.push({
      id,
      customer_id: customer.id,
      subject: fill(opening.subject, values),
      priority,
      priority_rank: PRIORITIES.indexOf(priority),
      channel: rng.weighted(channels),
      category,
      tags: JSON.stringify(tags),
      assignee_id: assignee?.id ?? null,
      ...clock,
      due_at: dueAtOf(clock),
      first_responded_at: firstReply?.at ?? null,
      resolved_at: status === 'resolved' || status === 'closed' ? last.at + 5 * MINUTE : null,
      snoozed_until: status === 'snoozed' ? now + rng.int(1, 24) * HOUR : null,
      message_count: thread.length,
      last_message_preview: previewOf(lastPublic.body),
      last_message_at: lastPublic.at,
      created_at: createdAt,
      updated_at: last.at,
    });
    const writer = assignee ?? agents[0]!;
    responses.push(...responsesOfThread(id, thread, writer.id, policy));
    const resolvedAt = conversations.at(-1)!.resolved_at;
    if (resolvedAt) {
      resolutions.push({ conversationId: id, customerId: customer.id, agentId: assignee?.id ?? null, language: info.language, createdAt, resolvedAt, resolutionDueAt: createdAt + policy.resolutionMs });
    }
    for (const m of thread) {
      const byAgent = m.author !== 'customer';
      messages.push({
        conversation_id: id,
        client_message_id: null,
        kind: m.author === 'note' ? 'note' : 'reply',
        author_type: byAgent ? 'agent' : 'customer',
        author_id: byAgent ? writer.id : customer.id,
        author_name: byAgent ? writer.name : info.name,
        body: m.body,
        created_at: m.at,
      });
    }
  }
  return { conversations, messages, responses, resolutions };
}
