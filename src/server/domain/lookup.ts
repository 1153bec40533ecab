import { looksLikePhone, phoneKey, phoneProblem, formatPhone } from '../../api/phone.js';
import type { CustomerHit, SearchKey, SearchKind, SearchResult } from '../../api/types.js';

type Hit<K extends keyof SearchResult> = SearchResult[K] extends (infer T)[] ? T : never;
import { reserveAttempt } from '../auth/rate-limit.js';
import type { AuthenticatedAgent, ServerContext } from '../context.js';
import { ProblemError, unprocessable } from './errors.js';
import {
  complaintByNumber,
  conversationById,
  conversationsMentioning,
  customerOfWallet,
  customersByEmail,
  customersByIds,
  customersByName,
  customersByPhone,
  refundById,
  transactionById,
  type CustomerRow,
} from '../store/search.js';
import { withRelaxedCommit } from '../store/relaxed-commit.js';
import { iso } from '../store/time.js';
import { maskEmail, maskPhone } from './masking.js';

const LIMIT = 20;
const EXCERPT = 160;

type Kinds = ReadonlySet<SearchKind>;

/**
 * One lookup: recognises what was typed (a conversation number, a phone in any writing, an email, an
 * id by its prefix, a complaint number; otherwise part of a name or of a message) and answers the
 * groups asked for. Each agent's lookups are rate-limited (enumerating customers by phone or email);
 * the limit takes its place before the lookup runs, in one statement, so parallel requests cannot all
 * pass it.
 */
export async function lookup(ctx: ServerContext, agent: AuthenticatedAgent, query: string, kinds: Kinds): Promise<SearchResult> {
  const q = query.trim();
  if ([...q].length < 2) throw unprocessable('query_too_short', 'type at least 2 characters to look something up');
  await takeLookupPlace(ctx, agent);

  const result: SearchResult = { query: q, tried: [], customers: [], conversations: [], transactions: [], refunds: [], complaints: [], messages: [] };
  const customerIds: { id: string; matched: SearchKey }[] = [];
  const tried = (key: SearchKey) => result.tried.push(key);

  const number = /^#\s*(\d{1,10})$/.exec(q) ?? /^(\d{1,4})$/.exec(q);
  if (number) {
    tried('conversation_number');
    const id = Number(number[1]);
    const row = id <= 2147483647 ? await conversationById(ctx.db, id) : undefined;
    if (row) {
      if (kinds.has('conversations')) result.conversations.push({ id: row.id, subject: row.subject, status: row.status as Hit<'conversations'>['status'], channel: row.channel as Hit<'conversations'>['channel'], customerId: row.customer_id, customerName: row.customer_name, lastMessageAt: iso(row.last_message_at) });
      customerIds.push({ id: row.customer_id, matched: 'conversation_number' });
    }
  } else if (/^[^\s@]+@[^\s@]+$/.test(q)) {
    tried('email');
    if (kinds.has('customers')) result.customers.push(...(await customersByEmail(ctx.db, q, LIMIT)).map((c) => customerHit(c, 'email')));
  } else if (/^(cus|wal|txn|rfd)_[0-9A-Za-z]{6,32}$/.test(q)) {
    await byId(ctx, q, kinds, result, customerIds);
  } else if (/^C-\d{8}-\d{1,6}$/i.test(q)) {
    tried('complaint_number');
    const row = await complaintByNumber(ctx.db, q.toUpperCase());
    if (row) {
      if (kinds.has('complaints')) result.complaints.push({ number: row.number, conversationId: row.conversation_id, customerId: row.customer_id, status: row.status as Hit<'complaints'>['status'], summary: row.summary, replyByAt: iso(row.reply_by_at) });
      customerIds.push({ id: row.customer_id, matched: 'complaint_number' });
    }
  } else if (looksLikePhone(q)) {
    await byPhone(ctx, q, kinds, result);
  } else {
    if (kinds.has('customers')) {
      tried('name');
      result.customers.push(...(await customersByName(ctx.db, ctx.engine, q, LIMIT)).map((c) => customerHit(c, 'name')));
    }
    if (kinds.has('messages') && [...q].length >= 3) {
      tried('message_text');
      const rows = await conversationsMentioning(ctx.db, ctx.engine, q, LIMIT);
      result.messages.push(
        ...rows.map((m) => ({ conversationId: m.conversation_id, messageId: m.message_id, subject: m.subject, customerId: m.customer_id, customerName: m.customer_name, excerpt: excerpt(m.body, q), at: iso(m.created_at) })),
      );
    }
  }

  if (kinds.has('customers') && customerIds.length > 0) {
    const rows = await customersByIds(ctx.db, customerIds.map((c) => c.id));
    for (const { id, matched } of customerIds) {
      const row = rows.find((r) => r.id === id);
      if (row && !result.customers.some((c) => c.id === id)) result.customers.push(customerHit(row, matched));
    }
  }
  return result;
}

async function byId(ctx: ServerContext, q: string, kinds: Kinds, result: SearchResult, customerIds: { id: string; matched: SearchKey }[]): Promise<void> {
  const prefix = q.slice(0, 3);
  if (prefix === 'cus') {
    result.tried.push('customer_id');
    customerIds.push({ id: q, matched: 'customer_id' });
  } else if (prefix === 'wal') {
    result.tried.push('wallet_id');
    const owner = await customerOfWallet(ctx.db, q);
    if (owner) customerIds.push({ id: owner, matched: 'wallet_id' });
  } else if (prefix === 'txn') {
    result.tried.push('transaction_id');
    const row = await transactionById(ctx.db, q);
    if (row) {
      if (kinds.has('transactions')) {
        result.transactions.push({ id: row.id, accountId: row.account_id, customerId: row.customer_id, type: row.type as Hit<'transactions'>['type'], status: row.status as Hit<'transactions'>['status'], amount: { amount: row.amount, currency: row.currency as Hit<'transactions'>['amount']['currency'] }, counterparty: row.counterparty, createdAt: iso(row.created_at) });
      }
      customerIds.push({ id: row.customer_id, matched: 'transaction_id' });
    }
  } else {
    result.tried.push('refund_id');
    const row = await refundById(ctx.db, q);
    if (row) {
      if (kinds.has('refunds')) result.refunds.push({ id: row.id, transactionId: row.transaction_id, customerId: row.customer_id, amount: { amount: row.amount, currency: row.currency as Hit<'refunds'>['amount']['currency'] }, status: row.status as Hit<'refunds'>['status'], createdAt: iso(row.created_at) });
      customerIds.push({ id: row.customer_id, matched: 'refund_id' });
    }
  }
}

/**
 * A phone number: read as E.164 in the desk's region and looked up by its key. A number libphonenumber
 * finds impossible is still looked up (a stored number may have that shape); when it finds nobody, the
 * answer is 422 saying why the number cannot be one, rather than "nothing matches".
 */
async function byPhone(ctx: ServerContext, q: string, kinds: Kinds, result: SearchResult): Promise<void> {
  result.tried.push('phone');
  const key = phoneKey(q, ctx.settings.defaultRegion);
  if (!key.ok) throw invalidPhone(q, key.reason, key.detail, result.tried);
  result.phone = key.e164;
  if (!kinds.has('customers')) return;
  const rows = await customersByPhone(ctx.db, key.e164, LIMIT);
  if (rows.length === 0 && !key.valid) {
    const problem = phoneProblem(q, ctx.settings.defaultRegion);
    if (problem) throw invalidPhone(q, problem.reason, problem.detail, result.tried);
  }
  result.customers.push(...rows.map((c) => customerHit(c, 'phone')));
}

function invalidPhone(q: string, reason: string, detail: string, tried: SearchKey[]): ProblemError {
  return new ProblemError('invalid_phone_number', `"${q}" cannot be a phone number: ${detail}`, {
    status: 422,
    extra: { reason, tried },
  });
}

function customerHit(row: CustomerRow, matched: SearchKey): CustomerHit {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone === null ? null : maskPhone(formatPhone(row.phone_e164 ?? row.phone)),
    email: row.email === null ? null : maskEmail(row.email),
    language: row.language as CustomerHit['language'],
    kycLevel: row.kyc_level as CustomerHit['kycLevel'],
    matched,
  };
}

/** Up to EXCERPT characters of `body` around the first case-insensitive match of `q`. */
function excerpt(body: string, q: string): string {
  const flat = body.replace(/\s+/g, ' ');
  const at = Math.max(0, flat.toLowerCase().indexOf(q.toLowerCase()));
  const start = Math.max(0, at - 40);
  const text = flat.slice(start, start + EXCERPT);
  return `${start > 0 ? '…' : ''}${text}${start + EXCERPT < flat.length ? '…' : ''}`;
}

async function takeLookupPlace(ctx: ServerContext, agent: AuthenticatedAgent): Promise<void> {
  const now = ctx.now();
  // A counter lost in a crash costs nothing; waiting for its log flush would cost most of a lookup's time.
  const place = await withRelaxedCommit(ctx.db, ctx.engine, (trx) => reserveAttempt(trx, `lookup:agent:${agent.id}`, ctx.settings.lookupLimit, now));
  if (place.granted) return;
  const seconds = Math.max(1, Math.ceil((place.resetAt - now) / 1000));
  throw new ProblemError('rate_limited', `too many lookups (${ctx.settings.lookupLimit.max} per ${Math.round(ctx.settings.lookupLimit.windowMs / 1000)} s); try again in ${seconds} s`, {
    headers: { 'retry-after': String(seconds) },
    extra: { retryAfterSeconds: seconds },
  });
}
