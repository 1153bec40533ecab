import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * What issue 16 left:
 * - conversations: the calendar version each SLA clock counts by, pinned when that clock starts
 *   (`first_response_`, `next_response_`, `resolution_calendar_version`), where one version was
 *   pinned for the whole conversation when it opened (`sla_calendar_version`, copied into the three
 *   and dropped): a next-response clock started after a calendar change counts by the new hours,
 *   while a clock already running keeps its own;
 * - complaints.extension_message_id: the public reply the extension notice went out as, or
 *   extension_unsent: why it could not be sent (both null: extended before notices were sent);
 * - complaints.rule_chosen_by, rule_country, rule_reason: how the complaint's rule was chosen (asked
 *   for, the customer's country, the team calendar's), kept as it was when the complaint opened.
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  for (const clock of ['first_response', 'next_response', 'resolution'] as const) {
    await db.schema.alterTable('conversations').addColumn(`${clock}_calendar_version`, 'integer').execute();
  }
  await sql`UPDATE conversations SET first_response_calendar_version = sla_calendar_version, next_response_calendar_version = sla_calendar_version, resolution_calendar_version = sla_calendar_version WHERE sla_calendar_version IS NOT NULL`.execute(db);
  await db.schema.alterTable('conversations').dropColumn('sla_calendar_version').execute();

  await db.schema.alterTable('complaints').addColumn('extension_message_id', 'integer').execute();
  for (const column of ['extension_unsent', 'rule_chosen_by', 'rule_country', 'rule_reason'] as const) {
    await db.schema.alterTable('complaints').addColumn(column, 'text').execute();
  }
}
