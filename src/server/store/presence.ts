import type { Kysely } from 'kysely';
import type { PresenceState } from '../../api/enums.js';
import type { PresenceEntry } from '../../api/types.js';
import type { Database } from './tables.js';
import { iso } from './time.js';

/** Who is in a conversation now: entries that have not expired, longest present first. */
export async function presenceOf(db: Kysely<Database>, conversationId: number, now: number): Promise<PresenceEntry[]> {
  const rows = await db
    .selectFrom('presence')
    .innerJoin('agents', 'agents.id', 'presence.agent_id')
    .select(['presence.agent_id', 'agents.name', 'presence.state', 'presence.since', 'presence.expires_at'])
    .where('presence.conversation_id', '=', conversationId)
    .where('presence.expires_at', '>', now)
    .orderBy('presence.since')
    .orderBy('presence.agent_id')
    .execute();
  return rows.map((row) => ({
    agent: { id: row.agent_id, name: row.name },
    state: row.state as PresenceState,
    since: iso(row.since),
    expiresAt: iso(row.expires_at),
  }));
}
