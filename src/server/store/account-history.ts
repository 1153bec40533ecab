import type { Kysely } from 'kysely';
import type { AccountAction, AccountStatus, Role, VerificationMethod } from '../../api/enums.js';
import type { AccountStatusChange, IdentityVerification } from '../../api/types.js';
import type { Database } from './tables.js';
import { iso } from './time.js';

/** Account status changes with the names of who acted and who verified, newest first. */
function selectChanges(db: Kysely<Database>) {
  return db
    .selectFrom('account_status_changes as c')
    .innerJoin('agents as actor', 'actor.id', 'c.actor_id')
    .leftJoin('identity_verifications as v', 'v.id', 'c.verification_id')
    .leftJoin('agents as verifier', 'verifier.id', 'v.verified_by')
    .select([
      'c.id',
      'c.account_id',
      'c.action',
      'c.from_status',
      'c.to_status',
      'c.reason_code',
      'c.note',
      'c.actor_id',
      'c.actor_role',
      'c.created_at',
      'actor.name as actor_name',
      'v.id as verification_id',
      'v.method as verification_method',
      'v.reference as verification_reference',
      'v.verified_by as verifier_id',
      'verifier.name as verifier_name',
      'v.created_at as verified_at',
    ]);
}

type ChangeRow = Awaited<ReturnType<ReturnType<typeof selectChanges>['executeTakeFirstOrThrow']>>;

export function toStatusChange(row: ChangeRow): AccountStatusChange {
  const verification: IdentityVerification | null =
    row.verification_id && row.verification_method && row.verification_reference !== null && row.verifier_id && row.verified_at !== null
      ? {
          id: row.verification_id,
          method: row.verification_method as VerificationMethod,
          reference: row.verification_reference,
          verifiedBy: { id: row.verifier_id, name: row.verifier_name ?? row.verifier_id },
          verifiedAt: iso(row.verified_at),
        }
      : null;
  return {
    id: Number(row.id),
    accountId: row.account_id,
    action: row.action as AccountAction,
    from: row.from_status as AccountStatus,
    to: row.to_status as AccountStatus,
    reason: row.reason_code,
    note: row.note,
    verification,
    actor: { id: row.actor_id, name: row.actor_name, role: row.actor_role as Role },
    at: iso(row.created_at),
  };
}

export async function statusHistory(db: Kysely<Database>, accountId: string): Promise<AccountStatusChange[]> {
  const rows = await selectChanges(db).where('c.account_id', '=', accountId).orderBy('c.id', 'desc').execute();
  return rows.map(toStatusChange);
}

export async function findStatusChange(db: Kysely<Database>, id: number): Promise<AccountStatusChange | undefined> {
  const row = await selectChanges(db).where('c.id', '=', id).executeTakeFirst();
  return row ? toStatusChange(row) : undefined;
}
