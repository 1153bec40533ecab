import type { Kysely } from 'kysely';
import type { IncidentStatus, IncidentUpdateKind } from '../../api/enums.js';
import type { AgentRef, CustomerTexts, Incident, IncidentAffects, IncidentUpdate } from '../../api/types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Database, IncidentsTable, IncidentUpdatesTable } from './tables.js';
import { iso, isoOrNull } from './time.js';

export type IncidentRow = Omit<IncidentsTable, 'id'> & { id: number };
export type IncidentUpdateRow = Omit<IncidentUpdatesTable, 'id'> & { id: number };

/** Linked conversations an update reaches: those still being worked on. */
export const REACHABLE_STATUSES = ['open', 'pending', 'snoozed'] as const;

export const parseTexts = (json: string | null): CustomerTexts | null => (json === null ? null : (JSON.parse(json) as CustomerTexts));
export const parseAffects = (json: string): IncidentAffects => JSON.parse(json) as IncidentAffects;

async function agentNames(db: Kysely<Database>, ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('agents').select(['id', 'name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

function toUpdate(row: IncidentUpdateRow, agent: (id: string) => AgentRef): IncidentUpdate {
  return {
    id: row.id,
    kind: row.kind as IncidentUpdateKind,
    note: row.note,
    changes: JSON.parse(row.changes) as IncidentUpdate['changes'],
    messages: parseTexts(row.messages),
    resolveConversations: row.resolve_conversations === 1,
    createdBy: agent(row.created_by),
    createdAt: iso(row.created_at),
  };
}

export async function updatesOf(db: Kysely<Database>, incidentIds: number[]): Promise<IncidentUpdateRow[]> {
  if (incidentIds.length === 0) return [];
  return (await db.selectFrom('incident_updates').selectAll().where('incident_id', 'in', incidentIds).orderBy('id').execute()) as IncidentUpdateRow[];
}

async function linkCounts(db: Kysely<Database>, incidentIds: number[]) {
  if (incidentIds.length === 0) return new Map<number, { linked: number; open: number }>();
  const rows = await db
    .selectFrom('incident_links')
    .innerJoin('conversations', 'conversations.id', 'incident_links.conversation_id')
    .select((eb) => [
      'incident_links.incident_id',
      eb.fn.countAll<number>().as('linked'),
      eb.fn.sum<number>(eb.case().when('conversations.status', 'in', [...REACHABLE_STATUSES]).then(1).else(0).end()).as('open'),
    ])
    .where('incident_links.incident_id', 'in', incidentIds)
    .groupBy('incident_links.incident_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.incident_id), { linked: Number(r.linked), open: Number(r.open ?? 0) }]));
}

/** Incidents as the API shows them; with `history`, each with all its updates. */
export async function toIncidents(db: Kysely<Database>, rows: IncidentRow[], history = false): Promise<(Incident & { updates: IncidentUpdate[] })[]> {
  const ids = rows.map((r) => r.id);
  const [updates, counts] = await Promise.all([updatesOf(db, ids), linkCounts(db, ids)]);
  const names = await agentNames(db, [...rows.flatMap((r) => [r.created_by, ...(r.resolved_by ? [r.resolved_by] : [])]), ...updates.map((u) => u.created_by)]);
  const agent = (id: string): AgentRef => ({ id, name: names.get(id) ?? id });
  return rows.map((row) => {
    const own = updates.filter((u) => u.incident_id === row.id).map((u) => toUpdate(u, agent));
    const count = counts.get(row.id) ?? { linked: 0, open: 0 };
    return {
      id: row.id,
      title: row.title,
      description: row.description,
      status: row.status as IncidentStatus,
      texts: parseTexts(row.texts) ?? {},
      affects: parseAffects(row.affects),
      pauseClocks: row.pause_clocks === 1,
      startedAt: iso(row.started_at),
      expectedEndAt: isoOrNull(row.expected_end_at),
      createdBy: agent(row.created_by),
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
      resolved: row.resolved_by && row.resolved_at !== null ? { by: agent(row.resolved_by), at: iso(row.resolved_at) } : null,
      linkedCount: count.linked,
      openLinkedCount: count.open,
      latestUpdate: own.at(-1) ?? null,
      updates: history ? own : [],
    };
  });
}

export async function findIncident(db: Kysely<Database>, id: number): Promise<IncidentRow | undefined> {
  return (await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst()) as IncidentRow | undefined;
}

const INCIDENT_LIST = 'incidents';

/** Newest first; keyset-paginated by id. */
export async function listIncidents(db: Kysely<Database>, filter: { status?: IncidentStatus | undefined; conversationId?: number | undefined }, limit: number, cursor: string | undefined) {
  let query = db.selectFrom('incidents').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.conversationId !== undefined) query = query.where('id', 'in', db.selectFrom('incident_links').select('incident_id').where('conversation_id', '=', filter.conversationId));
  if (cursor) {
    const [id] = decodeCursor(INCIDENT_LIST, cursor, ['number']) as number[];
    query = query.where('id', '<', id!);
  }
  const rows = (await query.orderBy('id', 'desc').limit(limit + 1).execute()) as IncidentRow[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(INCIDENT_LIST, [last.id]) : null };
}

/** Open linked conversations that have not had this update yet, lowest id first, with the customer's language. */
export async function undelivered(db: Kysely<Database>, incidentId: number, updateId: number, limit: number) {
  return db
    .selectFrom('incident_links')
    .innerJoin('conversations', 'conversations.id', 'incident_links.conversation_id')
    .innerJoin('customers', 'customers.id', 'conversations.customer_id')
    .select(['conversations.id as conversation_id', 'customers.language', 'incident_links.linked_at'])
    .where('incident_links.incident_id', '=', incidentId)
    .where('conversations.status', 'in', [...REACHABLE_STATUSES])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('incident_deliveries').select('incident_deliveries.update_id').where('incident_deliveries.update_id', '=', updateId).whereRef('incident_deliveries.conversation_id', '=', 'conversations.id'))),
    )
    .orderBy('conversations.id')
    .limit(limit)
    .execute();
}

export async function countUndelivered(db: Kysely<Database>, incidentId: number, updateId: number): Promise<number> {
  const row = await db
    .selectFrom('incident_links')
    .innerJoin('conversations', 'conversations.id', 'incident_links.conversation_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('incident_links.incident_id', '=', incidentId)
    .where('conversations.status', 'in', [...REACHABLE_STATUSES])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('incident_deliveries').select('incident_deliveries.update_id').where('incident_deliveries.update_id', '=', updateId).whereRef('incident_deliveries.conversation_id', '=', 'conversations.id'))),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many open linked customers speak each language. */
export async function languagesOfLinked(db: Kysely<Database>, incidentId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('incident_links')
    .innerJoin('conversations', 'conversations.id', 'incident_links.conversation_id')
    .innerJoin('customers', 'customers.id', 'conversations.customer_id')
    .select((eb) => ['customers.language', eb.fn.count<number>('customers.id').distinct().as('n')])
    .where('incident_links.incident_id', '=', incidentId)
    .where('conversations.status', 'in', [...REACHABLE_STATUSES])
    .groupBy('customers.language')
    .execute();
  return new Map(rows.map((r) => [r.language, Number(r.n)]));
}
