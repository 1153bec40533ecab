import type { Kysely } from 'kysely';
import type { ResponseTime } from '../../api/types.js';
import type { Database } from './tables.js';
import { iso } from './time.js';

/** The responses recorded for a conversation, oldest first. */
export async function responseTimesOf(db: Kysely<Database>, conversationId: number): Promise<ResponseTime[]> {
  const rows = await db
    .selectFrom('response_times')
    .leftJoin('agents', 'agents.id', 'response_times.agent_id')
    .select([
      'response_times.clock',
      'response_times.started_at',
      'response_times.due_at',
      'response_times.responded_at',
      'response_times.duration_ms',
      'response_times.agent_id',
      'agents.name as agent_name',
    ])
    .where('response_times.conversation_id', '=', conversationId)
    .orderBy('response_times.id')
    .execute();
  return rows.map((row) => ({
    clock: row.clock as ResponseTime['clock'],
    startedAt: iso(row.started_at),
    dueAt: iso(row.due_at),
    respondedAt: iso(row.responded_at),
    durationMs: row.duration_ms,
    breached: row.started_at + row.duration_ms >= row.due_at,
    agent: row.agent_id && row.agent_name ? { id: row.agent_id, name: row.agent_name } : null,
  }));
}
