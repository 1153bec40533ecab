import type { Insertable, Kysely } from 'kysely';
import { complaintDay } from '../store/complaint-numbers.js';
import { storedBodies } from '../store/macros.js';
import type { Database } from '../store/tables.js';
import { DEMO_MACROS } from './macro-texts.js';
import { Rng } from './rng.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The demo desk's macros, and a complaint on every conversation about a complaint, in each state: open
 * for the open ones, answered for those waiting on the customer, closed for the finished ones but the
 * first, which waits on a supervisor's second review. Runs inside seedDemo's transaction, after the
 * conversations exist. Ids come from their own seed, so the rest of the demo desk does not change.
 */
export async function seedDemoMacrosAndComplaints(db: Kysely<Database>, now: number): Promise<{ macros: number; complaints: number }> {
  const rng = new Rng(4_2026_11);
  const admin = await db.selectFrom('agents').select('id').where('role', '=', 'admin').orderBy('id').executeTakeFirst();
  const macros = DEMO_MACROS.map((m) => ({
    id: rng.id('mac', 12),
    name: m.name,
    shortcut: m.shortcut,
    category: m.category,
    bodies: storedBodies(m.bodies),
    created_by: admin?.id ?? null,
    created_at: now - 90 * DAY,
    updated_at: now - 90 * DAY,
  }));
  await db.insertInto('macros').values(macros).execute();

  const agent = await db.selectFrom('agents').select('id').where('email', '=', 'agent@example.com').executeTakeFirst();
  const conversations = await db
    .selectFrom('conversations')
    .select(['id', 'customer_id', 'subject', 'status', 'assignee_id', 'created_at'])
    .where('category', '=', 'complaint')
    .orderBy('id')
    .execute();
  if (!agent || conversations.length === 0) return { macros: macros.length, complaints: 0 };

  const counters = new Map<string, number>();
  const rows: Insertable<Database['complaints']>[] = [];
  let reviewPlaced = false;
  // In order of creation, so that each day's numbers rise with time, as they would have been handed out.
  for (const c of [...conversations].sort((a, b) => a.created_at - b.created_at || a.id - b.id)) {
    const at = (offset: number) => Math.min(now - MINUTE, c.created_at + offset);
    const createdAt = at(10 * MINUTE);
    const day = complaintDay(createdAt);
    const sequence = (counters.get(day) ?? 0) + 1;
    counters.set(day, sequence);
    const answerer = c.assignee_id ?? agent.id;
    const finished = c.status === 'resolved' || c.status === 'closed';
    const status = c.status === 'open' ? 'open' : !finished ? 'answered' : reviewPlaced ? 'closed' : 'second_review';
    if (status === 'second_review') reviewPlaced = true;
    const answered = status !== 'open';
    rows.push({
      number: `C-${day}-${String(sequence).padStart(6, '0')}`,
      conversation_id: c.id,
      customer_id: c.customer_id,
      status,
      summary: c.subject,
      reply_by_at: status === 'second_review' ? at(3 * HOUR) + 7 * DAY : createdAt + 7 * DAY,
      created_by: c.assignee_id ?? agent.id,
      created_at: createdAt,
      answer: answered ? 'We apologised and explained the delay; the agent involved has been coached, and a goodwill voucher was offered.' : null,
      // The complaint under review was answered by agent@, so that lead@ can review it in the demo.
      answered_by: answered ? (status === 'second_review' ? agent.id : answerer) : null,
      answered_at: answered ? at(2 * HOUR) : null,
      review_reason: status === 'second_review' ? 'The customer says a voucher does not make up for three unanswered contacts and asks for a review.' : null,
      review_requested_by: status === 'second_review' ? agent.id : null,
      review_requested_at: status === 'second_review' ? at(3 * HOUR) : null,
      review_decision: null,
      review_note: null,
      reviewed_by: null,
      reviewed_at: null,
      close_note: null,
      closed_by: status === 'closed' ? answerer : null,
      closed_at: status === 'closed' ? at(4 * HOUR) : null,
      updated_at: status === 'closed' ? at(4 * HOUR) : answered ? at(status === 'second_review' ? 3 * HOUR : 2 * HOUR) : createdAt,
    });
  }
  await db.insertInto('complaints').values(rows).execute();
  await db
    .insertInto('complaint_counters')
    .values([...counters].map(([day, last]) => ({ day, last })))
    .execute();
  return { macros: macros.length, complaints: rows.length };
}
