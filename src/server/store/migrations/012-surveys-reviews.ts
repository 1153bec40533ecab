import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { autoIncrementId } from '../engine.js';

/**
 * Satisfaction surveys, follow-ups, feedback and quality reviews (issue 15), and the indexes the
 * reports read (src/server/store/reports.ts). Only new tables and indexes: it runs the same before or
 * after any other migration that leaves the tables of 001–004 alone.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  // One survey per resolution: who resolved it (the assignee then), when, and the customer's answer.
  // `reopened_at` is set when the conversation comes back after this resolution: the reopen rate.
  await autoIncrementId(db.schema.createTable('surveys'), engine, 'integer')
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('agent_id', 'text', (c) => c.references('agents.id'))
    .addColumn('team', 'text')
    // The capability the wallet app answers with: one survey, one answer, for a limited time.
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('rating', 'integer')
    .addColumn('comment', 'text')
    .addColumn('answered_at', 'bigint')
    .addColumn('reopened_at', 'bigint')
    // The resolution clock, as this resolution stopped it: wall time since the conversation was
    // created, and the due time it was held to (null without one). The SLA report reads these.
    .addColumn('resolution_ms', 'bigint', (c) => c.notNull())
    .addColumn('resolution_due_at', 'bigint')
    .execute();
  await db.schema.createIndex('surveys_conversation').on('surveys').columns(['conversation_id', 'id']).execute();
  await db.schema.createIndex('surveys_customer').on('surveys').columns(['customer_id', 'id']).execute();
  await db.schema.createIndex('surveys_created').on('surveys').columns(['created_at', 'agent_id']).execute();
  await db.schema.createIndex('surveys_answered').on('surveys').columns(['answered_at', 'agent_id']).execute();

  // A low rating waits here for a supervisor: open until closed with a note.
  await autoIncrementId(db.schema.createTable('follow_ups'), engine, 'integer')
    .addColumn('survey_id', 'integer', (c) => c.notNull().unique().references('surveys.id'))
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.references('agents.id'))
    .addColumn('closed_at', 'bigint')
    .addColumn('close_note', 'text')
    .execute();
  await db.schema.createIndex('follow_ups_status').on('follow_ups').columns(['status', 'id']).execute();

  // What a customer suggests, kept apart from the rating's comment, by topic.
  await autoIncrementId(db.schema.createTable('feedback'), engine, 'integer')
    .addColumn('survey_id', 'integer', (c) => c.notNull().unique().references('surveys.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feedback_topic').on('feedback').columns(['topic', 'id']).execute();

  // The rubric the desk edits; a retired criterion stays for the reviews that scored it.
  await db.schema
    .createTable('review_criteria')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  const criteria = [
    ['accuracy', 'Accuracy of information', 'What the agent told the customer was correct and complete'],
    ['attitude', 'Attitude', 'Courteous, patient, in the customer’s language'],
    ['resolution', 'Resolution', 'The problem was solved, or the next step made clear'],
    ['policy', 'Policy compliance', 'Identity checks, refund and freeze rules followed'],
  ];
  for (const [i, [id, name, description]] of criteria.entries()) {
    await sql`insert into review_criteria (id, name, description, position, active, updated_at) values (${id}, ${name}, ${description}, ${i}, 1, 0)`.execute(db);
  }

  await autoIncrementId(db.schema.createTable('quality_reviews'), engine, 'integer')
    .addColumn('conversation_id', 'integer', (c) => c.notNull().unique().references('conversations.id'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
    // 'sample' (picked at random for the week) or 'hand'.
    .addColumn('picked_by', 'text', (c) => c.notNull())
    // Monday 00:00 UTC of the week the conversation was resolved in.
    .addColumn('week_start', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('reviewer_id', 'text', (c) => c.references('agents.id'))
    .addColumn('comment', 'text')
    .addColumn('reviewed_at', 'bigint')
    .execute();
  await db.schema.createIndex('quality_reviews_agent').on('quality_reviews').columns(['agent_id', 'id']).execute();
  await db.schema.createIndex('quality_reviews_reviewed').on('quality_reviews').columns(['reviewed_at', 'agent_id']).execute();

  await db.schema
    .createTable('quality_scores')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('quality_reviews.id'))
    .addColumn('criterion_id', 'text', (c) => c.notNull().references('review_criteria.id'))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addPrimaryKeyConstraint('quality_scores_pk', ['review_id', 'criterion_id'])
    .execute();

  // Reports read time ranges: conversations by creation and resolution, responses by when they came.
  await db.schema.createIndex('reports_conversations_created').on('conversations').columns(['created_at', 'team']).execute();
  await db.schema.createIndex('reports_conversations_resolved').on('conversations').columns(['resolved_at', 'team']).execute();
  // Covering: the SLA and agents reports read durations of a time range without touching the rows.
  await db.schema.createIndex('reports_response_times_responded').on('response_times').columns(['responded_at', 'clock', 'duration_ms', 'due_at', 'started_at', 'agent_id']).execute();
  await db.schema.createIndex('reports_messages_created').on('messages').columns(['created_at', 'author_type', 'kind', 'author_id']).execute();
  await db.schema.createIndex('reports_complaints_created').on('complaints').column('created_at').execute();
  await db.schema.createIndex('reports_refunds_created').on('refunds').column('created_at').execute();
}
