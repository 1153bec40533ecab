import type { Insertable, Kysely } from 'kysely';
import { PRIORITIES, type Category, type Channel, type Priority } from '../../src/api/enums.js';
import type { ConversationSummary } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { DEFAULT_SLA } from '../../src/server/domain/sla.js';
import type { Database } from '../../src/server/store/tables.js';
import type { TestServer } from './test-server.js';

let opened = 0;

/** A customer of the demo desk (the first by id). */
export async function someCustomerId(server: TestServer): Promise<string> {
  const row = await server.store.db.selectFrom('customers').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
  return row.id;
}

/** A fresh open, unassigned conversation, opened the way a channel does it (admin token). */
export async function openFresh(
  server: TestServer,
  admin: SupportClient,
  overrides: { priority?: Priority; channel?: Channel; category?: Category; team?: string; subject?: string } = {},
): Promise<ConversationSummary> {
  opened++;
  const { conversation } = await admin.conversations.open({
    customerId: await someCustomerId(server),
    channel: overrides.channel ?? 'chat',
    category: overrides.category ?? 'other',
    priority: overrides.priority ?? 'normal',
    subject: overrides.subject ?? `test conversation ${opened}`,
    body: `hello, this is test conversation ${opened}`,
    ...(overrides.team ? { team: overrides.team } : {}),
  });
  return conversation;
}

/** The conversation's row as stored. */
export function rowOf(server: TestServer, id: number) {
  return server.store.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function countRows(db: Kysely<Database>, table: 'events' | 'audit_log' | 'messages' | 'sla_breaches' | 'conversations'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Open, unassigned conversations written straight into the database, many rows per statement. */
export async function bulkInsertConversations(
  db: Kysely<Database>,
  customerId: string,
  count: number,
  now: number,
  shape: (i: number) => { priority: Priority; channel: Channel; category: Category } = (i) => ({ priority: PRIORITIES[i % 4]!, channel: 'chat', category: 'other' }),
): Promise<void> {
  const rows: Insertable<Database['conversations']>[] = [];
  for (let i = 0; i < count; i++) {
    const { priority, channel, category } = shape(i);
    const createdAt = now - (i % 600) * 1000;
    const targets = DEFAULT_SLA[priority];
    const firstDue = createdAt + targets.firstResponseMs;
    rows.push({
      customer_id: customerId,
      subject: `bulk ${i}`,
      status: 'open',
      priority,
      priority_rank: PRIORITIES.indexOf(priority),
      channel,
      category,
      tags: '[]',
      assignee_id: null,
      first_response_due_at: firstDue,
      first_response_started_at: createdAt,
      next_response_due_at: null,
      next_response_started_at: null,
      resolution_due_at: createdAt + targets.resolutionMs,
      resolution_started_at: createdAt,
      due_at: firstDue,
      first_responded_at: null,
      resolved_at: null,
      snoozed_until: null,
      message_count: 1,
      last_message_preview: `bulk ${i}`,
      last_message_at: createdAt,
      created_at: createdAt,
      updated_at: createdAt,
    });
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('conversations').values(rows.slice(i, i + 500)).execute();
}

export interface AgentSpec {
  email: string;
  name?: string;
  role?: 'agent' | 'supervisor' | 'admin';
  availability?: 'online' | 'away' | 'offline';
  channels?: readonly Channel[];
  categories?: readonly Category[];
  capacity?: number;
  teams?: readonly string[];
}

/**
 * Agents written straight into the database, each with a token issued as login would: many agents
 * without a password hash each (scrypt is slow on purpose). Returns their ids and logged-in clients.
 */
export interface AddedAgent {
  id: string;
  email: string;
  token: string;
  client: SupportClient;
}

export async function addAgents<const T extends readonly AgentSpec[]>(server: TestServer, specs: T): Promise<{ [K in keyof T]: AddedAgent }> {
  const { issueToken } = await import('../../src/server/auth/tokens.js');
  const { SupportClient } = await import('../../src/client/support-client.js');
  const { CATEGORIES, CHANNELS } = await import('../../src/api/enums.js');
  const now = server.clock.now;
  const rows = specs.map((s, i) => ({
    id: `agt_t${Date.now().toString(36)}${i.toString(36).padStart(3, '0')}${Math.random().toString(36).slice(2, 6)}`.replace(/[^0-9A-Za-z_]/g, 'x'),
    email: s.email,
    name: s.name ?? s.email.split('@')[0]!,
    role: s.role ?? 'agent',
    availability: s.availability ?? 'online',
    password_hash: 'scrypt$unused',
    teams: JSON.stringify(s.teams ?? []),
    channels: JSON.stringify(s.channels ?? CHANNELS),
    categories: JSON.stringify(s.categories ?? CATEGORIES),
    capacity: s.capacity ?? 5,
    created_at: now,
  }));
  for (let i = 0; i < rows.length; i += 200) await server.store.db.insertInto('agents').values(rows.slice(i, i + 200)).execute();
  const out: AddedAgent[] = [];
  for (const row of rows) {
    const { token } = await issueToken(server.store.db, row.id, now, 12 * 3_600_000);
    out.push({ id: row.id, email: row.email, token, client: new SupportClient({ baseUrl: server.url, token }) });
  }
  return out as { [K in keyof T]: AddedAgent };
}

/** A customer written straight into the database, for servers started without the demo desk. */
export async function addCustomer(server: TestServer, id = 'cus_TESTCUST01'): Promise<string> {
  await server.store.db
    .insertInto('customers')
    .values({ id, name: 'Test Customer', email: null, phone: null, language: 'en', kyc_level: 'full', two_factor_enabled: 1, created_at: server.clock.now })
    .execute();
  return id;
}

/** The newest audit entry's id: what a test compares against to see the entries a request added. */
export async function auditMark(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** The audit entries written after `mark`, oldest first, as [outcome, action, actor, refusal code]. */
export async function auditSince(db: Kysely<Database>, mark: number): Promise<[string, string, string | null, unknown][]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', mark).orderBy('id').execute();
  return rows.map((r) => [r.outcome, r.action, r.actor_id, r.after === null ? null : (JSON.parse(r.after) as { refused?: unknown }).refused]);
}
