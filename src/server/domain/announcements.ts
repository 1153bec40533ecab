import type { Kysely } from 'kysely';
import { LANGUAGES } from '../../api/enums.js';
import type { Announcement, CustomerTexts } from '../../api/types.js';
import type { AuthenticatedAgent } from '../context.js';
import type { AnnouncementsTable, Database } from '../store/tables.js';
import { iso } from '../store/time.js';
import { conflict, notFound, ProblemError } from './errors.js';
import { forUpdate } from '../store/locking.js';
import type { UnitOfWork } from './unit-of-work.js';

type Row = Omit<AnnouncementsTable, 'id'> & { id: number };

function stateOf(row: Row, now: number): Announcement['state'] {
  if (row.cancelled_at !== null) return 'cancelled';
  if (now < row.starts_at) return 'scheduled';
  return now < row.ends_at ? 'in_progress' : 'ended';
}

export async function toAnnouncements(db: Kysely<Database>, rows: Row[], now: number): Promise<Announcement[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.created_by, ...(r.cancelled_by ? [r.cancelled_by] : [])]))];
  const agents = ids.length ? await db.selectFrom('agents').select(['id', 'name']).where('id', 'in', ids).execute() : [];
  const name = new Map(agents.map((a) => [a.id, a.name]));
  const ref = (id: string) => ({ id, name: name.get(id) ?? id });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    unavailable: row.unavailable,
    texts: JSON.parse(row.texts) as CustomerTexts,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    state: stateOf(row, now),
    createdBy: ref(row.created_by),
    createdAt: iso(row.created_at),
    cancelled: row.cancelled_by && row.cancelled_at !== null ? { by: ref(row.cancelled_by), at: iso(row.cancelled_at) } : null,
  }));
}

/** Windows not ended and not cancelled (or every one, with `all`), soonest first. */
export async function listAnnouncements(db: Kysely<Database>, now: number, all: boolean): Promise<Row[]> {
  let query = db.selectFrom('announcements').selectAll();
  if (!all) query = query.where('ends_at', '>', now).where('cancelled_at', 'is', null);
  return (await query.orderBy('starts_at').orderBy('id').limit(500).execute()) as Row[];
}

function blank(field: string, value: string): string {
  const text = value.trim();
  if (!text) throw new ProblemError('validation_failed', `${field} is blank`, { errors: [{ field, message: 'is blank' }] });
  return text;
}

export async function createAnnouncement(
  uow: UnitOfWork<AuthenticatedAgent>,
  input: { title: string; unavailable: string; texts: CustomerTexts; startsAt: string; endsAt: string },
): Promise<Announcement> {
  const { trx, now, actor } = uow;
  const startsAt = Date.parse(input.startsAt);
  const endsAt = Date.parse(input.endsAt);
  if (endsAt <= startsAt) {
    throw new ProblemError('validation_failed', `endsAt (${input.endsAt}) is not after startsAt (${input.startsAt}): a window ends after it starts`, { errors: [{ field: 'endsAt', message: 'must be after startsAt' }] });
  }
  if (endsAt <= now) throw new ProblemError('validation_failed', `endsAt (${input.endsAt}) is in the past: announce a window that is still to come or under way`, { errors: [{ field: 'endsAt', message: 'is in the past' }] });
  const texts: CustomerTexts = {};
  for (const lang of LANGUAGES) if (input.texts[lang] !== undefined) texts[lang] = blank(`texts.${lang}`, input.texts[lang]);
  if (!texts.en) throw new ProblemError('validation_failed', 'texts.en is missing: the wallet app falls back to English', { errors: [{ field: 'texts.en', message: 'is required' }] });
  const row = (await trx
    .insertInto('announcements')
    .values({ title: blank('title', input.title), unavailable: blank('unavailable', input.unavailable), texts: JSON.stringify(texts), starts_at: startsAt, ends_at: endsAt, created_by: actor.id, created_at: now, cancelled_by: null, cancelled_at: null })
    .returningAll()
    .executeTakeFirstOrThrow()) as Row;
  const [announcement] = await toAnnouncements(trx, [row], now);
  await uow.emit({ type: 'announcement.created', conversationId: null, payload: { announcement } });
  await uow.audit({ action: 'announcement.created', targetType: 'announcement', targetId: String(row.id), after: announcement });
  return announcement!;
}

export async function cancelAnnouncement(uow: UnitOfWork<AuthenticatedAgent>, id: number): Promise<Announcement> {
  const { trx, ctx, now, actor } = uow;
  const row = (await forUpdate(trx.selectFrom('announcements').selectAll().where('id', '=', id), ctx.engine).executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound(`announcement ${id}`);
  const state = stateOf(row, now);
  if (state === 'cancelled' || state === 'ended') throw conflict('announcement_over', `announcement ${id} is ${state}; only a scheduled or running window can be cancelled`);
  await trx.updateTable('announcements').set({ cancelled_by: actor.id, cancelled_at: now }).where('id', '=', id).execute();
  const [before, after] = await toAnnouncements(trx, [row, { ...row, cancelled_by: actor.id, cancelled_at: now }], now);
  await uow.emit({ type: 'announcement.updated', conversationId: null, payload: { announcement: after } });
  await uow.audit({ action: 'announcement.cancelled', targetType: 'announcement', targetId: String(id), before, after });
  return after!;
}
