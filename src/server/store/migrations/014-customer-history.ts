import type { Kysely } from 'kysely';

/**
 * The customer screen lists a customer's complaints across their conversations
 * (`GET /v1/complaints?customerId=`) in reply-by order, and all their conversations newest first
 * (`GET /v1/customers/:id/conversations`): without these indexes the first scans every complaint of
 * the desk, the second sorts every conversation of the customer, once per opening of a customer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('complaints_customer_due').on('complaints').columns(['customer_id', 'reply_by_at', 'id']).execute();
  await db.schema.createIndex('conversations_customer_created').on('conversations').columns(['customer_id', 'created_at', 'id']).execute();
}
