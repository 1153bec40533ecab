import type { PresenceState } from '../../api/enums.js';
import type { AuthenticatedAgent } from '../context.js';
import type { PresenceEntry } from '../../api/types.js';
import type { ServerContext } from '../context.js';
import { notFound } from './errors.js';
import { forUpdate } from '../store/locking.js';
import { presenceOf } from '../store/presence.js';
import { SYSTEM_ACTOR } from './actor.js';
import { runUnitOfWork, type UnitOfWork } from './unit-of-work.js';

/**
 * A heartbeat: this agent is viewing or typing in the conversation until now + TTL. An event goes out
 * only when someone arrives or changes state, not on every renewal, so that heartbeats stay cheap.
 */
export async function heartbeat(uow: UnitOfWork<AuthenticatedAgent>, conversationId: number, state: PresenceState): Promise<PresenceEntry[]> {
  const { trx, ctx, actor: agent, now } = uow;
  const exists = await forUpdate(trx.selectFrom('conversations').select('id').where('id', '=', conversationId), ctx.engine).executeTakeFirst();
  if (!exists) throw notFound(`conversation ${conversationId}`);
  const expiresAt = now + ctx.settings.presenceTtlMs;
  const current = await trx
    .selectFrom('presence')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('agent_id', '=', agent.id)
    .executeTakeFirst();
  const live = current !== undefined && current.expires_at > now;
  if (current) {
    await trx
      .updateTable('presence')
      .set({ state, expires_at: expiresAt, since: live && current.state === state ? current.since : now })
      .where('conversation_id', '=', conversationId)
      .where('agent_id', '=', agent.id)
      .execute();
  } else {
    await trx.insertInto('presence').values({ conversation_id: conversationId, agent_id: agent.id, state, since: now, expires_at: expiresAt }).execute();
  }
  const presence = await presenceOf(trx, conversationId, now);
  if (!live || current.state !== state) {
    await uow.emit({ type: 'presence', conversationId, payload: { conversationId, presence } });
  }
  return presence;
}

/** The agent left the conversation (closed it in the TUI): gone at once rather than at expiry. */
export async function leave(uow: UnitOfWork<AuthenticatedAgent>, conversationId: number): Promise<PresenceEntry[]> {
  const { trx, ctx, actor: agent, now } = uow;
  const exists = await forUpdate(trx.selectFrom('conversations').select('id').where('id', '=', conversationId), ctx.engine).executeTakeFirst();
  if (!exists) throw notFound(`conversation ${conversationId}`);
  const removed = await trx.deleteFrom('presence').where('conversation_id', '=', conversationId).where('agent_id', '=', agent.id).returning('expires_at').execute();
  const presence = await presenceOf(trx, conversationId, now);
  if (removed.some((r) => r.expires_at > now)) {
    await uow.emit({ type: 'presence', conversationId, payload: { conversationId, presence } });
  }
  return presence;
}

/** Removes expired entries and tells each conversation who is still there. */
export async function expirePresence(ctx: ServerContext): Promise<number> {
  const now = ctx.now();
  const expired = await ctx.db.selectFrom('presence').select('conversation_id').distinct().where('expires_at', '<=', now).limit(200).execute();
  for (const { conversation_id: conversationId } of expired) {
    await runUnitOfWork(ctx, { actor: SYSTEM_ACTOR, requestId: null, idempotencyKey: null }, async ({ trx, emit }) => {
      // Locking the conversation orders this against heartbeats for it.
      await forUpdate(trx.selectFrom('conversations').select('id').where('id', '=', conversationId), ctx.engine).executeTakeFirst();
      const removed = await trx.deleteFrom('presence').where('conversation_id', '=', conversationId).where('expires_at', '<=', now).returning('agent_id').execute();
      if (removed.length === 0) return;
      await emit({ type: 'presence', conversationId, payload: { conversationId, presence: await presenceOf(trx, conversationId, now) } });
    });
  }
  return expired.length;
}
