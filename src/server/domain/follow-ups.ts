import type { FollowUp } from '../../api/types.js';
import type { AuthenticatedAgent } from '../context.js';
import { forUpdate } from '../store/locking.js';
import { toFollowUp } from '../store/follow-ups.js';
import { conflict, notFound, ProblemError } from './errors.js';
import type { UnitOfWork } from './unit-of-work.js';

/** A supervisor closes a low rating's follow-up, saying what was done. Closed is final. */
export async function closeFollowUp(uow: UnitOfWork<AuthenticatedAgent>, id: number, note: string): Promise<FollowUp> {
  const { trx, ctx, now, actor } = uow;
  const row = await forUpdate(trx.selectFrom('follow_ups').select(['id', 'status', 'conversation_id']).where('id', '=', id), ctx.engine).executeTakeFirst();
  if (!row) throw notFound(`follow-up ${id}`);
  if (row.status !== 'open') throw conflict('follow_up_closed', `follow-up ${id} is already closed`);
  const text = note.trim();
  if (!text) throw new ProblemError('validation_failed', 'note is blank: say what was done for the customer', { errors: [{ field: 'note', message: 'is blank' }] });
  await trx.updateTable('follow_ups').set({ status: 'closed', closed_by: actor.id, closed_at: now, close_note: text }).where('id', '=', id).execute();
  const after = (await toFollowUp(trx, id))!;
  await uow.audit({ before: { status: 'open' }, after: { status: 'closed', note: text }, reason: text });
  return after;
}
