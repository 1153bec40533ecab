import type { Kysely } from 'kysely';
import type { Availability, Category, Channel, Role } from '../../api/enums.js';
import type { AgentProfile } from '../../api/types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { AgentsTable, Database } from './tables.js';
import { iso } from './time.js';

export function toAgentProfile(row: Omit<AgentsTable, 'password_hash' | 'availability_since'>, openConversations: number): AgentProfile {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    availability: row.availability as Availability,
    channels: JSON.parse(row.channels) as Channel[],
    categories: JSON.parse(row.categories) as Category[],
    capacity: row.capacity,
    teams: JSON.parse(row.teams) as string[],
    openConversations,
    createdAt: iso(row.created_at),
  };
}

const PROFILE_COLUMNS = ['id', 'email', 'name', 'role', 'availability', 'channels', 'categories', 'capacity', 'teams', 'created_at'] as const;

/** Open conversations held by each of these agents. */
async function openCounts(db: Kysely<Database>, agentIds: string[]): Promise<Map<string, number>> {
  if (agentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('conversations')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'open')
    .where('assignee_id', 'in', agentIds)
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]));
}

export async function findProfile(db: Kysely<Database>, id: string): Promise<AgentProfile | undefined> {
  const row = await db.selectFrom('agents').select(PROFILE_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return toAgentProfile(row, (await openCounts(db, [row.id])).get(row.id) ?? 0);
}

const AGENT_LIST = 'agents';

/** Agents by email, a page at a time. */
export async function listProfiles(db: Kysely<Database>, limit: number, cursor: string | undefined) {
  let query = db.selectFrom('agents').select(PROFILE_COLUMNS);
  if (cursor) {
    const [email] = decodeCursor(AGENT_LIST, cursor, ['string']) as string[];
    query = query.where('email', '>', email!);
  }
  const rows = await query.orderBy('email').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const counts = await openCounts(db, page.map((r) => r.id));
  const last = page.at(-1);
  return {
    data: page.map((row) => toAgentProfile(row, counts.get(row.id) ?? 0)),
    nextCursor: rows.length > limit && last ? encodeCursor(AGENT_LIST, [last.email]) : null,
  };
}
