import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { IdempotencyKeysTable } from './money-tables.js';
import type { Database } from './tables.js';

/** Keys are kept this long, as Stripe does: a retry within a day replays; after that the key is new. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * How long an attempt holds its key. Longer than any request runs (the client gives up after 30 s);
 * when the holder died mid-request (server killed), a retry after this takes the key over instead of
 * getting 409 for a day.
 */
export const IDEMPOTENCY_LOCK_MS = 60 * 1000;

export interface KeyRequest {
  agentId: string;
  key: string;
  requestHash: string;
  method: string;
  path: string;
  requestId: string;
}

export type ClaimResult =
  | { kind: 'claimed'; token: string; recovered: boolean }
  | { kind: 'replay'; status: number; type: string; body: string }
  | { kind: 'mismatch'; method: string; path: string }
  | { kind: 'in_use'; retryAfterMs: number };

const MAX_CLAIM_ROUNDS = 4;

/**
 * Claims a key for one attempt, or says what to answer instead. Autocommitted on purpose: a duplicate
 * arriving while this attempt runs must see the claim at once.
 */
export async function claimKey(db: Kysely<Database>, request: KeyRequest, now: number): Promise<ClaimResult> {
  for (let round = 0; round < MAX_CLAIM_ROUNDS; round++) {
    const token = randomBytes(12).toString('base64url');
    const fresh: IdempotencyKeysTable = {
      agent_id: request.agentId,
      key: request.key,
      request_hash: request.requestHash,
      method: request.method,
      path: request.path,
      status: 'in_progress',
      lock_token: token,
      locked_until: now + IDEMPOTENCY_LOCK_MS,
      response_status: null,
      response_type: null,
      response_body: null,
      request_id: request.requestId,
      created_at: now,
      expires_at: now + IDEMPOTENCY_TTL_MS,
    };
    const inserted = await db
      .insertInto('idempotency_keys')
      .values(fresh)
      .onConflict((oc) => oc.columns(['agent_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return { kind: 'claimed', token, recovered: false };

    const existing = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('agent_id', '=', request.agentId)
      .where('key', '=', request.key)
      .executeTakeFirst();
    if (!existing) continue; // purged in between: insert again

    if (existing.expires_at <= now && (existing.status === 'completed' || existing.locked_until <= now)) {
      // Older than a day: the key starts over as a new request, whatever it was used for.
      const taken = await db
        .updateTable('idempotency_keys')
        .set({ ...fresh })
        .where('agent_id', '=', request.agentId)
        .where('key', '=', request.key)
        .where('created_at', '=', existing.created_at)
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 1) return { kind: 'claimed', token, recovered: false };
      continue;
    }
    if (existing.request_hash !== request.requestHash) return { kind: 'mismatch', method: existing.method, path: existing.path };
    if (existing.status === 'completed') {
      return { kind: 'replay', status: existing.response_status ?? 200, type: existing.response_type ?? 'application/json; charset=utf-8', body: existing.response_body ?? '' };
    }
    if (existing.locked_until > now) return { kind: 'in_use', retryAfterMs: existing.locked_until - now };

    // The attempt holding it stopped without finishing (its server was killed): nothing it did was
    // committed, because its work and its completion commit together. Take the key over.
    const taken = await db
      .updateTable('idempotency_keys')
      .set({ lock_token: token, locked_until: now + IDEMPOTENCY_LOCK_MS, request_id: request.requestId })
      .where('agent_id', '=', request.agentId)
      .where('key', '=', request.key)
      .where('status', '=', 'in_progress')
      .where('lock_token', '=', existing.lock_token)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1) return { kind: 'claimed', token, recovered: true };
  }
  return { kind: 'in_use', retryAfterMs: 1000 };
}

export interface StoredResponse {
  status: number;
  type: string;
  body: string;
}

/**
 * Stores the final response. Call it inside the transaction of the business change: after a crash
 * both exist or neither does. False when another attempt took the key over (this one must roll back).
 */
export async function completeKey(db: Kysely<Database>, agentId: string, key: string, token: string, response: StoredResponse): Promise<boolean> {
  const result = await db
    .updateTable('idempotency_keys')
    .set({ status: 'completed', lock_token: null, response_status: response.status, response_type: response.type, response_body: response.body })
    .where('agent_id', '=', agentId)
    .where('key', '=', key)
    .where('lock_token', '=', token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives the key back without a stored response: the next attempt with it runs as if it were the first. */
export async function releaseKey(db: Kysely<Database>, agentId: string, key: string, token: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('agent_id', '=', agentId).where('key', '=', key).where('lock_token', '=', token).execute();
}

/** Deletes keys older than a day; returns how many went. */
export async function purgeExpiredKeys(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('expires_at', '<=', now)
    .where((eb) => eb.or([eb('status', '=', 'completed'), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
