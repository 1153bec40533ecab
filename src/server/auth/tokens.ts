import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/tables.js';

const TOKEN_PREFIX = 'sup_';

/** Only this hash is stored: a copy of the database does not hand out working tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function issueToken(db: Kysely<Database>, agentId: string, now: number, ttlMs: number) {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const expiresAt = now + ttlMs;
  await db
    .insertInto('tokens')
    .values({ token_hash: hashToken(token), agent_id: agentId, created_at: now, expires_at: expiresAt, last_used_at: now })
    .execute();
  return { token, expiresAt };
}

export async function findToken(db: Kysely<Database>, token: string) {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return undefined;
  return db
    .selectFrom('tokens')
    .innerJoin('agents', 'agents.id', 'tokens.agent_id')
    .select([
      'tokens.token_hash',
      'tokens.expires_at',
      'agents.id',
      'agents.email',
      'agents.name',
      'agents.role',
      'agents.availability',
      'agents.teams',
    ])
    .where('tokens.token_hash', '=', hashToken(token))
    .executeTakeFirst();
}

export async function revokeToken(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('tokens').where('token_hash', '=', tokenHash).execute();
}

export async function purgeExpiredTokens(db: Kysely<Database>, now: number): Promise<void> {
  await db.deleteFrom('tokens').where('expires_at', '<', now).execute();
}

/** When the token of this hash expires, or undefined once it was logged out. */
export async function tokenExpiry(db: Kysely<Database>, tokenHash: string): Promise<number | undefined> {
  const row = await db.selectFrom('tokens').select('expires_at').where('token_hash', '=', tokenHash).executeTakeFirst();
  return row?.expires_at;
}
