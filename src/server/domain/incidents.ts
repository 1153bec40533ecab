import type { Kysely, Updateable } from 'kysely';
import { LANGUAGES, type IncidentUpdateKind, type Language } from '../../api/enums.js';
import type { CustomerTexts, Incident, IncidentAffects, IncidentDetail, IncidentUpdate, UpdateIncidentRequest } from '../../api/types.js';
import type { AuthenticatedAgent, ServerContext } from '../context.js';
import { conflict, notFound, ProblemError } from './errors.js';
import {
  countUndelivered,
  findIncident,
  languagesOfLinked,
  parseTexts,
  REACHABLE_STATUSES,
  toIncidents,
  undelivered,
  type IncidentRow,
  type IncidentUpdateRow,
} from '../store/incidents.js';
import { forUpdate } from '../store/locking.js';
import type { Database, IncidentsTable } from '../store/tables.js';
import { linkedConversations, setResponseHold } from './incident-clocks.js';
import { postAgentMessage } from './messages.js';
import { changeStatus } from './status.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * Incidents: one cause, many conversations. A supervisor declares one (active), changes it (each change
 * an update in its history), broadcasts updates to the open linked conversations and resolves it
 * (final). Every refusal is thrown before anything is written.
 */
export const INCIDENT_RESOLVED = 'incident_resolved';
export const INCIDENT_TEXTS_MISSING = 'incident_texts_missing';
export const CONVERSATION_LINKED_ELSEWHERE = 'conversation_linked_elsewhere';

type Uow = UnitOfWork<AuthenticatedAgent>;

const parseTime = (value: string): number => Date.parse(value);

function checkWindow(startedAt: number, expectedEndAt: number | null): void {
  if (expectedEndAt !== null && expectedEndAt <= startedAt) {
    throw new ProblemError('validation_failed', `expectedEndAt (${new Date(expectedEndAt).toISOString()}) is not after startedAt (${new Date(startedAt).toISOString()}): an incident ends after it starts`, {
      errors: [{ field: 'expectedEndAt', message: 'must be after startedAt' }],
    });
  }
}

function blank(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!text) throw new ProblemError('validation_failed', `${field} is blank`, { errors: [{ field, message: 'is blank' }] });
  return text;
}

function cleanTexts(texts: CustomerTexts | undefined, field: string): CustomerTexts {
  const out: CustomerTexts = {};
  for (const lang of LANGUAGES) {
    const value = blank(`${field}.${lang}`, texts?.[lang]);
    if (value !== undefined) out[lang] = value;
  }
  return out;
}

function cleanAffects(affects: IncidentAffects | undefined): IncidentAffects {
  const trimmed = (list: string[] | undefined, field: string) => {
    if (!list) return undefined;
    const values = [...new Set(list.map((v, i) => blank(`affects.${field}[${i}]`, v)!))];
    return values.length ? values : undefined;
  };
  const out: IncidentAffects = {};
  if (affects?.channels?.length) out.channels = affects.channels;
  if (affects?.categories?.length) out.categories = affects.categories;
  if (affects?.failureReasons?.length) out.failureReasons = affects.failureReasons;
  if (affects?.paymentMethods?.length) out.paymentMethods = affects.paymentMethods;
  const counterparties = trimmed(affects?.counterparties, 'counterparties');
  if (counterparties) out.counterparties = counterparties;
  const keywords = trimmed(affects?.keywords, 'keywords');
  if (keywords) out.keywords = keywords;
  return out;
}

async function lockIncident(trx: Kysely<Database>, ctx: ServerContext, id: number): Promise<IncidentRow> {
  const row = (await forUpdate(trx.selectFrom('incidents').selectAll().where('id', '=', id), ctx.engine).executeTakeFirst()) as IncidentRow | undefined;
  if (!row) throw notFound(`incident ${id}`);
  return row;
}

function assertActive(row: IncidentRow, doing: string): void {
  if (row.status === 'resolved') throw conflict(INCIDENT_RESOLVED, `incident ${row.id} is resolved; a resolved incident cannot ${doing} (declare a new one)`);
}

async function addUpdate(
  uow: Uow,
  incidentId: number,
  values: { kind: IncidentUpdateKind; note?: string | null; changes?: Record<string, { from: unknown; to: unknown }>; messages?: CustomerTexts | null; resolveConversations?: boolean },
): Promise<IncidentUpdateRow> {
  return (await uow.trx
    .insertInto('incident_updates')
    .values({
      incident_id: incidentId,
      kind: values.kind,
      note: values.note ?? null,
      changes: JSON.stringify(values.changes ?? {}),
      messages: values.messages ? JSON.stringify(values.messages) : null,
      resolve_conversations: values.resolveConversations ? 1 : 0,
      created_by: uow.actor.id,
      created_at: uow.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()) as IncidentUpdateRow;
}

/** The incident as it is now in this transaction, announced and audited. */
async function publish(uow: Uow, id: number, change: { type: 'incident.created' | 'incident.updated'; action: string; before?: Incident; reason?: string | null; extra?: Record<string, unknown> }): Promise<Incident> {
  const [incident] = await toIncidents(uow.trx, [(await findIncident(uow.trx, id))!]);
  const { updates: _history, ...after } = incident!;
  await uow.emit({ type: change.type, conversationId: null, payload: { action: change.action, incident: after } });
  await uow.audit({
    action: change.action,
    targetType: 'incident',
    targetId: String(id),
    ...(change.before ? { before: change.before } : {}),
    after: change.extra ? { ...after, ...change.extra } : after,
    reason: change.reason ?? null,
  });
  return after;
}

async function current(trx: Kysely<Database>, row: IncidentRow): Promise<Incident> {
  const [incident] = await toIncidents(trx, [row]);
  const { updates: _history, ...rest } = incident!;
  return rest;
}

export async function createIncident(
  uow: Uow,
  input: { title: string; description: string; texts?: CustomerTexts | undefined; affects?: IncidentAffects | undefined; startedAt?: string | undefined; expectedEndAt?: string | undefined; pauseClocks?: boolean | undefined },
): Promise<Incident> {
  const { trx, now, actor } = uow;
  const title = blank('title', input.title)!;
  const description = blank('description', input.description)!;
  const texts = cleanTexts(input.texts, 'texts');
  const affects = cleanAffects(input.affects);
  const startedAt = input.startedAt ? parseTime(input.startedAt) : now;
  const expectedEndAt = input.expectedEndAt ? parseTime(input.expectedEndAt) : null;
  checkWindow(startedAt, expectedEndAt);
  const row = await trx
    .insertInto('incidents')
    .values({
      title,
      description,
      status: 'active',
      texts: JSON.stringify(texts),
      affects: JSON.stringify(affects),
      started_at: startedAt,
      expected_end_at: expectedEndAt,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
      resolved_by: null,
      resolved_at: null,
      pause_clocks: input.pauseClocks ? 1 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addUpdate(uow, row.id, { kind: 'declared' });
  return publish(uow, row.id, { type: 'incident.created', action: 'incident.created' });
}

const FIELDS = { title: 'title', description: 'description', startedAt: 'started_at', expectedEndAt: 'expected_end_at' } as const;

/** Changes what an active incident says or affects; each change is an update in its history. */
export async function updateIncident(uow: Uow, id: number, input: UpdateIncidentRequest): Promise<Incident> {
  const { trx, ctx, now } = uow;
  const row = await lockIncident(trx, ctx, id);
  assertActive(row, 'be changed');
  const before = await current(trx, row);
  const set: Updateable<IncidentsTable> = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const title = blank('title', input.title);
  if (title !== undefined && title !== row.title) set.title = title;
  const description = blank('description', input.description);
  if (description !== undefined && description !== row.description) set.description = description;
  if (input.texts !== undefined) {
    const merged = { ...parseTexts(row.texts), ...cleanTexts(input.texts, 'texts') };
    if (JSON.stringify(merged) !== row.texts) set.texts = JSON.stringify(merged);
  }
  if (input.affects !== undefined) {
    const affects = JSON.stringify(cleanAffects(input.affects));
    if (affects !== row.affects) set.affects = affects;
  }
  const startedAt = input.startedAt !== undefined ? parseTime(input.startedAt) : row.started_at;
  const expectedEndAt = input.expectedEndAt === undefined ? row.expected_end_at : input.expectedEndAt === null ? null : parseTime(input.expectedEndAt);
  checkWindow(startedAt, expectedEndAt);
  if (startedAt !== row.started_at) set.started_at = startedAt;
  if (expectedEndAt !== row.expected_end_at) set.expected_end_at = expectedEndAt;
  if (input.pauseClocks !== undefined && (input.pauseClocks ? 1 : 0) !== row.pause_clocks) set.pause_clocks = input.pauseClocks ? 1 : 0;
  const note = blank('note', input.note);
  if (Object.keys(set).length === 0 && note === undefined) {
    throw new ProblemError('validation_failed', 'nothing to change: give a new title, description, texts, affects, start, expected end, the clock setting or a note', { errors: [{ field: 'body', message: 'changes nothing' }] });
  }
  const after: Record<string, unknown> = { title: before.title, description: before.description, texts: before.texts, affects: before.affects, startedAt: before.startedAt, expectedEndAt: before.expectedEndAt };
  for (const [field, column] of Object.entries(FIELDS)) {
    if (!(column in set)) continue;
    const value = set[column] as string | number | null;
    changes[field] = { from: after[field], to: column.endsWith('_at') && value !== null ? new Date(value).toISOString() : value };
  }
  if ('texts' in set) changes['texts'] = { from: before.texts, to: JSON.parse(set.texts as string) };
  if ('affects' in set) changes['affects'] = { from: before.affects, to: JSON.parse(set.affects as string) };
  if ('pause_clocks' in set) changes['pauseClocks'] = { from: before.pauseClocks, to: set.pause_clocks === 1 };
  await trx.updateTable('incidents').set({ ...set, updated_at: now }).where('id', '=', id).execute();
  // Turning the setting on holds every linked conversation's response clocks; off lets them go.
  const clocks = 'pause_clocks' in set ? await setResponseHold(uow, await linkedConversations(trx, id), set.pause_clocks === 1 ? id : null) : [];
  await addUpdate(uow, id, { kind: 'updated', note: note ?? null, changes });
  return publish(uow, id, { type: 'incident.updated', action: 'incident.updated', before, reason: note ?? null, ...(clocks.length ? { extra: { [set.pause_clocks === 1 ? 'clocksHeld' : 'clocksReleased']: clocks } } : {}) });
}

/**
 * Links conversations to an active incident. A closed conversation is refused (409 conversation_closed),
 * one linked to another incident too (409 conversation_linked_elsewhere): the whole request changes nothing then.
 */
export async function linkConversations(uow: Uow, id: number, conversationIds: number[], reason: string | null = null): Promise<{ incident: Incident; linked: number[]; alreadyLinked: number[] }> {
  const { trx, ctx, now, actor } = uow;
  const row = await lockIncident(trx, ctx, id);
  assertActive(row, 'take more conversations');
  const ids = [...new Set(conversationIds)].sort((a, b) => a - b);
  const conversations = await trx.selectFrom('conversations').select(['id', 'status']).where('id', 'in', ids).execute();
  const found = new Map(conversations.map((c) => [c.id, c.status]));
  const missing = ids.filter((c) => !found.has(c));
  if (missing.length) throw notFound(`conversation ${missing.join(', ')}`);
  const closed = ids.filter((c) => found.get(c) === 'closed');
  if (closed.length) {
    throw new ProblemError('conversation_closed', `conversation ${closed.join(', ')} is closed; a closed conversation cannot be linked to an incident (nothing was linked)`, { status: 409, extra: { conversationIds: closed } });
  }
  const links = await trx.selectFrom('incident_links').select(['conversation_id', 'incident_id']).where('conversation_id', 'in', ids).execute();
  const elsewhere = links.filter((l) => l.incident_id !== id);
  if (elsewhere.length) {
    const list = elsewhere.map((l) => `${l.conversation_id} (incident ${l.incident_id})`).join(', ');
    throw new ProblemError(CONVERSATION_LINKED_ELSEWHERE, `conversation ${list} is linked to another incident; unlink it there first (nothing was linked)`, { status: 409 });
  }
  const already = new Set(links.map((l) => l.conversation_id));
  const linked = ids.filter((c) => !already.has(c));
  if (linked.length) {
    await trx.insertInto('incident_links').values(linked.map((conversation_id) => ({ conversation_id, incident_id: id, linked_by: actor.id, linked_at: now }))).execute();
    for (const conversationId of linked) {
      await uow.audit({ action: 'incident.link', targetType: 'conversation', targetId: String(conversationId), after: { incidentId: id }, reason });
    }
  }
  const held = linked.length && row.pause_clocks === 1 ? await setResponseHold(uow, linked, id) : [];
  const incident = linked.length ? await publish(uow, id, { type: 'incident.updated', action: 'incident.linked', reason, extra: { linked, ...(held.length ? { clocksHeld: held } : {}) } }) : await current(trx, row);
  return { incident, linked, alreadyLinked: ids.filter((c) => already.has(c)) };
}

export async function unlinkConversation(uow: Uow, id: number, conversationId: number): Promise<Incident> {
  const { trx, ctx } = uow;
  await lockIncident(trx, ctx, id);
  const result = await trx.deleteFrom('incident_links').where('incident_id', '=', id).where('conversation_id', '=', conversationId).executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) throw notFound(`a link of conversation ${conversationId} to incident ${id}`);
  await uow.audit({ action: 'incident.unlink', targetType: 'conversation', targetId: String(conversationId), before: { incidentId: id } });
  const released = await setResponseHold(uow, [conversationId], null);
  return publish(uow, id, { type: 'incident.updated', action: 'incident.unlinked', extra: { unlinked: [conversationId], ...(released.length ? { clocksReleased: released } : {}) } });
}

/**
 * The languages open linked customers speak that `messages` has no text for, with how many customers
 * need each: a broadcast would leave them without a message.
 */
async function assertTextsCover(trx: Kysely<Database>, id: number, messages: CustomerTexts): Promise<void> {
  const needed = await languagesOfLinked(trx, id);
  const missing = [...needed].filter(([lang, n]) => n > 0 && !messages[lang as Language]).map(([language, customers]) => ({ language, customers }));
  if (missing.length === 0) return;
  const list = missing.map((m) => `${m.language} (${m.customers} customer${m.customers === 1 ? '' : 's'})`).join(', ');
  throw new ProblemError(INCIDENT_TEXTS_MISSING, `no customer text for ${list}: add them (--message ${missing[0]!.language}=… or support incident update --text ${missing[0]!.language}=…) before broadcasting`, {
    status: 422,
    extra: { missing },
  });
}

/** Records an update for customers; the caller then delivers it in batches (deliverUpdate). */
export async function startBroadcast(uow: Uow, id: number, input: { messages?: CustomerTexts | undefined }): Promise<{ incident: Incident; update: IncidentUpdate; total: number }> {
  const { trx, ctx } = uow;
  const row = await lockIncident(trx, ctx, id);
  assertActive(row, 'be broadcast');
  const messages = input.messages ? cleanTexts(input.messages, 'messages') : (parseTexts(row.texts) ?? {});
  if (Object.keys(messages).length === 0) {
    throw new ProblemError(INCIDENT_TEXTS_MISSING, `incident ${id} has no customer texts: give the update with --message en=… --message zh=… --message id=…`, { status: 422, extra: { missing: LANGUAGES.map((language) => ({ language, customers: null })) } });
  }
  await assertTextsCover(trx, id, messages);
  const update = await addUpdate(uow, id, { kind: 'broadcast', messages });
  await trx.updateTable('incidents').set({ updated_at: uow.now }).where('id', '=', id).execute();
  const incident = await publish(uow, id, { type: 'incident.updated', action: 'incident.broadcast', extra: { updateId: update.id } });
  return { incident, update: incident.latestUpdate!, total: await countUndelivered(trx, id, update.id) };
}

/** The resolve of a conversation after the final message when the customer has not written since the last update it got. */
async function quietSince(trx: Kysely<Database>, conversationId: number, since: number): Promise<boolean> {
  const spoke = await trx.selectFrom('messages').select('id').where('conversation_id', '=', conversationId).where('author_type', '=', 'customer').where('created_at', '>', since).limit(1).executeTakeFirst();
  return !spoke;
}

async function lastDeliveryBefore(trx: Kysely<Database>, conversationId: number, updateId: number): Promise<number | null> {
  const row = await trx
    .selectFrom('incident_deliveries')
    .select((eb) => eb.fn.max<number>('delivered_at').as('at'))
    .where('conversation_id', '=', conversationId)
    .where('update_id', '<>', updateId)
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

/**
 * Sends one batch of an update: to each open linked conversation that has not had it, in its customer's
 * language. The delivery row is inserted first: its key (update, conversation) lets one of any number of
 * concurrent or resumed runs send it, and the others skip it.
 */
export async function deliverUpdate(uow: Uow, id: number, updateId: number, limit: number) {
  const { trx } = uow;
  const update = (await trx.selectFrom('incident_updates').selectAll().where('id', '=', updateId).where('incident_id', '=', id).executeTakeFirst()) as IncidentUpdateRow | undefined;
  if (!update || !update.messages) throw notFound(`broadcast ${updateId} of incident ${id}`);
  const messages = parseTexts(update.messages)!;
  const batch = await undelivered(trx, id, updateId, limit);
  let sent = 0;
  let already = 0;
  const resolved: number[] = [];
  for (const target of batch) {
    const body = messages[target.language as Language] ?? messages.en ?? Object.values(messages)[0]!;
    const claimed = await trx
      .insertInto('incident_deliveries')
      .values({ update_id: updateId, conversation_id: target.conversation_id, message_id: null, delivered_at: uow.now })
      .onConflict((oc) => oc.columns(['update_id', 'conversation_id']).doNothing())
      .returning('conversation_id')
      .executeTakeFirst();
    if (!claimed) {
      already++;
      continue;
    }
    const since = update.resolve_conversations ? ((await lastDeliveryBefore(trx, target.conversation_id, updateId)) ?? target.linked_at) : null;
    const posted = await postAgentMessage(uow, target.conversation_id, { body, kind: 'reply', clientMessageId: `incident-update-${updateId}` }, { assign: false });
    await trx.updateTable('incident_deliveries').set({ message_id: posted.message.id }).where('update_id', '=', updateId).where('conversation_id', '=', target.conversation_id).execute();
    sent++;
    if (since !== null && (await quietSince(trx, target.conversation_id, since))) {
      const status = (await trx.selectFrom('conversations').select('status').where('id', '=', target.conversation_id).executeTakeFirstOrThrow()).status;
      if ((REACHABLE_STATUSES as readonly string[]).includes(status)) {
        await changeStatus(uow, target.conversation_id, 'resolve');
        resolved.push(target.conversation_id);
      }
    }
  }
  const remaining = await countUndelivered(trx, id, updateId);
  return { updateId, sent, alreadySent: already, remaining, resolvedConversations: resolved };
}

/** Resolves an incident, once; with messages, the final message is an update delivered like a broadcast. */
export async function resolveIncident(uow: Uow, id: number, input: { messages?: CustomerTexts | undefined; resolveConversations?: boolean | undefined; note?: string | undefined }) {
  const { trx, ctx, now, actor } = uow;
  const row = await lockIncident(trx, ctx, id);
  assertActive(row, 'be resolved again');
  const before = await current(trx, row);
  const note = blank('note', input.note) ?? null;
  if (input.resolveConversations && !input.messages) {
    throw new ProblemError('validation_failed', 'resolveConversations needs a final message: the customers are told before their conversations are resolved', { errors: [{ field: 'resolveConversations', message: 'needs messages' }] });
  }
  const messages = input.messages ? cleanTexts(input.messages, 'messages') : null;
  if (messages) await assertTextsCover(trx, id, messages);
  await trx.updateTable('incidents').set({ status: 'resolved', resolved_by: actor.id, resolved_at: now, updated_at: now }).where('id', '=', id).where('status', '=', 'active').execute();
  // A resolved incident holds no clock: the linked conversations' response clocks resume now.
  const released = row.pause_clocks === 1 ? await setResponseHold(uow, await linkedConversations(trx, id), null) : [];
  const update = await addUpdate(uow, id, { kind: 'resolved', note, messages, resolveConversations: input.resolveConversations ?? false, changes: { status: { from: 'active', to: 'resolved' } } });
  const incident = await publish(uow, id, { type: 'incident.updated', action: 'incident.resolved', before, reason: note, ...(released.length ? { extra: { clocksReleased: released } } : {}) });
  return { incident, update: incident.latestUpdate!, total: messages ? await countUndelivered(trx, id, update.id) : 0 };
}

/** Delivering needs the update to carry messages and, for a broadcast, the incident to be active. */
// Not locking the incident: concurrent runs deliver side by side, and the delivery key decides.
export async function assertDeliverable(uow: Uow, id: number, updateId: number): Promise<void> {
  const row = await findIncident(uow.trx, id);
  if (!row) throw notFound(`incident ${id}`);
  const update = await uow.trx.selectFrom('incident_updates').select(['kind', 'messages']).where('id', '=', updateId).where('incident_id', '=', id).executeTakeFirst();
  if (!update || !update.messages) throw notFound(`broadcast ${updateId} of incident ${id}`);
  if (update.kind === 'broadcast' && row.status === 'resolved') throw conflict(INCIDENT_RESOLVED, `incident ${id} is resolved; its earlier broadcast ${updateId} is not sent any more`);
}

export async function getIncident(ctx: ServerContext, id: number): Promise<IncidentDetail> {
  const row = await findIncident(ctx.db, id);
  if (!row) throw notFound(`incident ${id}`);
  const [incident] = await toIncidents(ctx.db, [row], true);
  return incident!;
}

/** The latest update with messages that still has conversations to reach, for `--resume`. */
export async function pendingBroadcast(ctx: ServerContext, id: number): Promise<{ update: IncidentUpdate | null; remaining: number }> {
  const incident = await getIncident(ctx, id);
  const latest = [...incident.updates].reverse().find((u) => u.messages !== null);
  if (!latest || (latest.kind === 'broadcast' && incident.status === 'resolved')) return { update: null, remaining: 0 };
  const remaining = await countUndelivered(ctx.db, id, latest.id);
  return remaining > 0 ? { update: latest, remaining } : { update: null, remaining: 0 };
}

