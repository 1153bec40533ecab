import type { Kysely } from 'kysely';
import type { Availability, Role } from '../../api/enums.js';
import type { Agent } from '../../api/types.js';
import type { Database } from './tables.js';

export function toAgent(row: { id: string; email: string; name: string; role: string; availability: string }): Agent {
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role, availability: row.availability as Availability };
}

export async function findAgentByEmail(db: Kysely<Database>, email: string) {
  return db.selectFrom('agents').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function findAgent(db: Kysely<Database>, id: string) {
  return db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
}
