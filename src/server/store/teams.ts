import type { Kysely } from 'kysely';
import type { Availability } from '../../api/enums.js';
import type { Team } from '../../api/types.js';
import type { Database } from './tables.js';

/**
 * Teams are the names on agents' team lists: a team exists while someone is in it. Desks have tens
 * of agents, not millions, so the lists are read whole.
 */
export async function listTeams(db: Kysely<Database>): Promise<Team[]> {
  const agents = await db.selectFrom('agents').select(['id', 'name', 'availability', 'teams']).orderBy('name').orderBy('id').execute();
  const teams = new Map<string, Team['members']>();
  for (const agent of agents) {
    for (const team of JSON.parse(agent.teams) as string[]) {
      const members = teams.get(team) ?? [];
      members.push({ id: agent.id, name: agent.name, availability: agent.availability as Availability });
      teams.set(team, members);
    }
  }
  return [...teams.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, members]) => ({ name, members }));
}

export async function knownTeams(db: Kysely<Database>): Promise<string[]> {
  return (await listTeams(db)).map((t) => t.name);
}
