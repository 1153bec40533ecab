import type { Kysely } from 'kysely';
import type { Priority, SlaClockMode } from '../../api/enums.js';
import type { SlaPolicy } from '../../api/types.js';
import { DEFAULT_SLA, type SlaTargets } from './sla-clocks.js';
import type { Database } from './tables.js';
import { iso } from './time.js';

/** The targets for a priority as the desk set them (the defaults if the row is missing). */
export async function targetsFor(db: Kysely<Database>, priority: string): Promise<SlaTargets> {
  const row = await db.selectFrom('sla_policies').selectAll().where('priority', '=', priority).executeTakeFirst();
  if (!row) return DEFAULT_SLA[priority as Priority] ?? DEFAULT_SLA.normal;
  return { firstResponseMs: row.first_response_ms, nextResponseMs: row.next_response_ms, resolutionMs: row.resolution_ms };
}

/** The targets and how the clocks count ("calendar" or "business") for a priority. */
export async function policyFor(db: Kysely<Database>, priority: string): Promise<{ targets: SlaTargets; clock: SlaClockMode }> {
  const row = await db.selectFrom('sla_policies').selectAll().where('priority', '=', priority).executeTakeFirst();
  if (!row) return { targets: DEFAULT_SLA[priority as Priority] ?? DEFAULT_SLA.normal, clock: 'calendar' };
  return { targets: { firstResponseMs: row.first_response_ms, nextResponseMs: row.next_response_ms, resolutionMs: row.resolution_ms }, clock: row.clock as SlaClockMode };
}

export async function listPolicies(db: Kysely<Database>): Promise<SlaPolicy[]> {
  const rows = await db
    .selectFrom('sla_policies')
    .leftJoin('agents', 'agents.id', 'sla_policies.updated_by')
    .select([
      'sla_policies.priority',
      'sla_policies.first_response_ms',
      'sla_policies.next_response_ms',
      'sla_policies.resolution_ms',
      'sla_policies.clock',
      'sla_policies.updated_at',
      'sla_policies.updated_by',
      'agents.name as updated_by_name',
    ])
    .orderBy('sla_policies.priority')
    .execute();
  const rank = (p: string) => ['urgent', 'high', 'normal', 'low'].indexOf(p);
  return rows
    .sort((a, b) => rank(a.priority) - rank(b.priority))
    .map((row) => ({
      priority: row.priority as Priority,
      firstResponseMs: row.first_response_ms,
      nextResponseMs: row.next_response_ms,
      resolutionMs: row.resolution_ms,
      clock: row.clock as SlaClockMode,
      updatedAt: iso(row.updated_at),
      updatedBy: row.updated_by && row.updated_by_name ? { id: row.updated_by, name: row.updated_by_name } : null,
    }));
}
