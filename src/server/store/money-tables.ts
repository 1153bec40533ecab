import type { Generated } from 'kysely';

/**
 * The tables of accounts, refunds, idempotency and customer security (migration 004-money), added to
 * the kysely `Database` of tables.ts by declaration merging so that this area's tables live together
 * and other areas' changes to tables.ts never collide with them. Same conventions: epoch ms, integer
 * minor units, 0/1 booleans.
 */
export interface AccountStatusChangesTable {
  id: Generated<number>;
  account_id: string;
  customer_id: string;
  /** freeze | unfreeze | close */
  action: string;
  from_status: string;
  to_status: string;
  reason_code: string | null;
  note: string | null;
  verification_id: string | null;
  actor_id: string;
  actor_role: string;
  request_id: string | null;
  created_at: number;
}

export interface IdentityVerificationsTable {
  id: string;
  customer_id: string;
  account_id: string;
  method: string;
  reference: string;
  verified_by: string;
  recorded_by: string;
  created_at: number;
}

export interface RefundsTable {
  id: string;
  /** The refunded payment. */
  transaction_id: string;
  account_id: string;
  customer_id: string;
  amount: number;
  currency: string;
  reason: string;
  note: string | null;
  /** pending_approval | succeeded | rejected */
  status: string;
  approval_reason: string | null;
  requested_by: string;
  requested_by_role: string;
  /** Whose limit the refund used: the requester's, or the approver's. Null until it succeeded. */
  authorized_by: string | null;
  authorized_at: number | null;
  decided_by: string | null;
  decided_at: number | null;
  decision_note: string | null;
  refund_transaction_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface RefundLimitsTable {
  role: string;
  currency: string;
  per_refund: number;
  per_day: number;
  updated_by: string | null;
  updated_at: number;
}

export interface IdempotencyKeysTable {
  agent_id: string;
  key: string;
  /** sha256 of method, path and canonical body: the same key with another request is refused. */
  request_hash: string;
  method: string;
  path: string;
  /** in_progress | completed */
  status: string;
  /** Identifies the attempt that holds the key; null once completed. */
  lock_token: string | null;
  /** An in_progress key whose holder died is taken over after this time. */
  locked_until: number;
  response_status: number | null;
  response_type: string | null;
  response_body: string | null;
  request_id: string;
  created_at: number;
  expires_at: number;
}

export interface CustomerSecurityTable {
  customer_id: string;
  two_factor_method: string | null;
  password_changed_at: number | null;
}

export interface CustomerDevicesTable {
  id: string;
  customer_id: string;
  name: string;
  platform: string;
  trusted: number;
  first_seen_at: number;
  last_seen_at: number;
}

export interface CustomerLoginsTable {
  id: Generated<number>;
  customer_id: string;
  at: number;
  outcome: string;
  ip: string;
  location: string;
  device_id: string | null;
}

declare module './tables.js' {
  interface Database {
    account_status_changes: AccountStatusChangesTable;
    identity_verifications: IdentityVerificationsTable;
    refunds: RefundsTable;
    refund_limits: RefundLimitsTable;
    idempotency_keys: IdempotencyKeysTable;
    customer_security: CustomerSecurityTable;
    customer_devices: CustomerDevicesTable;
    customer_logins: CustomerLoginsTable;
  }
}
