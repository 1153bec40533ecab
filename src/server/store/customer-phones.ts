import type { Kysely } from 'kysely';
import { phoneKey } from '../../api/phone.js';
import type { Database } from './tables.js';
import './lookup-tables.js';

const BATCH = 5000;

/**
 * Fills `phone_e164` of customers that have a phone but no key yet (rows written before migration
 * 010-lookup, or by a bulk load such as the demo seed), national numbers read in `region`. The server
 * runs it at start; a phone that cannot be read as a number keeps no key (found by name or id only).
 */
export async function fillPhoneKeys(db: Kysely<Database>, region: string): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('customers')
      .select(['id', 'phone'])
      .where('phone_e164', 'is', null)
      .where('phone', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    await db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const key = row.phone === null ? undefined : phoneKey(row.phone, region);
        if (key?.ok) await trx.updateTable('customers').set({ phone_e164: key.e164 }).where('id', '=', row.id).execute();
      }
    });
    after = rows.at(-1)!.id;
  }
}
