import type { Kysely } from 'kysely';
import type { Language } from '../../api/enums.js';
import { DEFAULT_SETTINGS } from '../context.js';
import type { Database } from '../store/tables.js';
import { insertChunked } from './insert-chunked.js';
import { Rng } from './rng.js';

/** A reply of the seeded past that stopped a response clock, as the live desk would have recorded it. */
export interface SeededResponse {
  conversationId: number;
  clock: 'first_response' | 'next_response';
  startedAt: number;
  dueAt: number;
  /** The reply's created_at: with the conversation, how its message id is found once stored. */
  respondedAt: number;
  agentId: string;
}

/** A resolution of the seeded past: the survey it sent, and what the resolution clock says of it. */
export interface SeededResolution {
  conversationId: number;
  customerId: string;
  agentId: string | null;
  language: Language;
  createdAt: number;
  resolvedAt: number;
  resolutionDueAt: number;
}

type ThreadEntry = { author: 'customer' | 'agent' | 'note'; at: number };

/**
 * The response clocks a thread's replies stopped: the first reply stops the first-response clock
 * started when the conversation was opened; a reply after a customer's message that followed an
 * earlier reply stops the next-response clock that message started.
 */
export function responsesOfThread(
  conversationId: number,
  thread: readonly ThreadEntry[],
  agentId: string,
  windows: { firstResponseMs: number; nextResponseMs: number },
): SeededResponse[] {
  const responses: SeededResponse[] = [];
  const createdAt = thread[0]!.at;
  let replied = false;
  let waitingSince: number | null = null;
  for (const m of thread) {
    if (m.author === 'customer') {
      if (replied && waitingSince === null) waitingSince = m.at;
    } else if (m.author === 'agent') {
      if (!replied) responses.push({ conversationId, clock: 'first_response', startedAt: createdAt, dueAt: createdAt + windows.firstResponseMs, respondedAt: m.at, agentId });
      else if (waitingSince !== null) responses.push({ conversationId, clock: 'next_response', startedAt: waitingSince, dueAt: waitingSince + windows.nextResponseMs, respondedAt: m.at, agentId });
      replied = true;
      waitingSince = null;
    }
  }
  return responses;
}

/**
 * Writes what the live desk records as it goes (response times, a survey per resolution) for the
 * seeded past, so that the demo's reports and board have history from the first minute rather than
 * only what happens after it starts. Surveys are sent unanswered; the simulator answers some, through
 * the same path as the wallet app (low ratings open follow-ups).
 */
export async function recordSeededHistory(trx: Kysely<Database>, responses: readonly SeededResponse[], resolutions: readonly SeededResolution[]): Promise<void> {
  const replies = await trx.selectFrom('messages').select(['id', 'conversation_id', 'created_at']).where('author_type', '=', 'agent').where('kind', '=', 'reply').execute();
  const idOf = new Map(replies.map((m) => [`${m.conversation_id}:${Number(m.created_at)}`, m.id]));
  const rows = responses.flatMap((r) => {
    const messageId = idOf.get(`${r.conversationId}:${r.respondedAt}`);
    if (messageId === undefined) return [];
    return [{ conversation_id: r.conversationId, clock: r.clock, started_at: r.startedAt, due_at: r.dueAt, responded_at: r.respondedAt, duration_ms: r.respondedAt - r.startedAt, agent_id: r.agentId, message_id: messageId }];
  });
  await insertChunked(trx, 'response_times', rows);
  // Tokens from a generator of their own: the demo is the same on every run (as its other ids are),
  // and the main generator's sequence, which the rest of the desk follows, is left as it was.
  const tokens = new Rng(20261203);
  await insertChunked(
    trx,
    'surveys',
    resolutions.map((r) => ({
      conversation_id: r.conversationId,
      customer_id: r.customerId,
      agent_id: r.agentId,
      team: null,
      token: tokens.id('srv', 32),
      language: r.language,
      created_at: r.resolvedAt,
      expires_at: r.resolvedAt + DEFAULT_SETTINGS.surveyValidMs,
      rating: null,
      comment: null,
      answered_at: null,
      reopened_at: null,
      resolution_ms: r.resolvedAt - r.createdAt,
      resolution_due_at: r.resolutionDueAt,
    })),
  );
}
