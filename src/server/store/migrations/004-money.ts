import { sql, type Kysely } from 'kysely';
import { autoIncrementId, type Engine } from '../engine.js';

/**
 * Refund limits a new desk starts with, in minor units; admins change them with PUT /v1/refund-limits.
 * Agents: 500.00 CNY or 5,000,000 IDR per refund, four times that in 24 hours. Supervisors ten times
 * the agents', admins a hundred times. A currency without a row for a role gives that role no limit
 * of its own: every refund in it waits for someone whose role has one.
 */
export const DEFAULT_REFUND_LIMITS = [
  { role: 'agent', currency: 'CNY', per_refund: 50_000, per_day: 200_000 },
  { role: 'agent', currency: 'IDR', per_refund: 5_000_000, per_day: 20_000_000 },
  { role: 'supervisor', currency: 'CNY', per_refund: 500_000, per_day: 2_000_000 },
  { role: 'supervisor', currency: 'IDR', per_refund: 50_000_000, per_day: 200_000_000 },
  { role: 'admin', currency: 'CNY', per_refund: 5_000_000, per_day: 20_000_000 },
  { role: 'admin', currency: 'IDR', per_refund: 500_000_000, per_day: 2_000_000_000 },
] as const;

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await autoIncrementId(db.schema.createTable('account_status_changes'), engine, 'bigint')
    .addColumn('account_id', 'text', (c) => c.notNull().references('wallet_accounts.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text')
    .addColumn('note', 'text')
    .addColumn('verification_id', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('account_status_changes_account').on('account_status_changes').columns(['account_id', 'id']).execute();

  await db.schema
    .createTable('identity_verifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('wallet_accounts.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('verified_by', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('transaction_id', 'text', (c) => c.notNull().references('transactions.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('wallet_accounts.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('approval_reason', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('requested_by_role', 'text', (c) => c.notNull())
    .addColumn('authorized_by', 'text')
    .addColumn('authorized_at', 'bigint')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('decision_note', 'text')
    .addColumn('refund_transaction_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('refunds_amount_positive', sql`amount > 0`)
    .execute();
  await db.schema.createIndex('refunds_transaction').on('refunds').columns(['transaction_id', 'status']).execute();
  await db.schema.createIndex('refunds_status').on('refunds').columns(['status', 'created_at', 'id']).execute();
  await db.schema.createIndex('refunds_customer').on('refunds').columns(['customer_id', 'created_at']).execute();
  await db.schema.createIndex('refunds_authorized').on('refunds').columns(['authorized_by', 'currency', 'authorized_at']).execute();

  await db.schema
    .createTable('refund_limits')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('per_refund', 'bigint', (c) => c.notNull())
    .addColumn('per_day', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('refund_limits_pk', ['role', 'currency'])
    .execute();
  await db
    .insertInto('refund_limits' as never)
    .values(DEFAULT_REFUND_LIMITS.map((l) => ({ ...l, updated_by: null, updated_at: 0 })) as never)
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lock_token', 'text')
    .addColumn('locked_until', 'bigint', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_type', 'text')
    .addColumn('response_body', 'text')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['agent_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_expiry').on('idempotency_keys').column('expires_at').execute();

  await db.schema
    .createTable('customer_security')
    .addColumn('customer_id', 'text', (c) => c.primaryKey().references('customers.id'))
    .addColumn('two_factor_method', 'text')
    .addColumn('password_changed_at', 'bigint')
    .execute();

  await db.schema
    .createTable('customer_devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('trusted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_devices_customer').on('customer_devices').columns(['customer_id', 'last_seen_at']).execute();

  await autoIncrementId(db.schema.createTable('customer_logins'), engine, 'bigint')
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text')
    .execute();
  await db.schema.createIndex('customer_logins_customer').on('customer_logins').columns(['customer_id', 'at']).execute();
}
