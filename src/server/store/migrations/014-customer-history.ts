import type { Kysely } from 'kysely';

/**
 * The customer screen lists a customer's complaints across their conversations
 * (`GET /v1/complaints?customerId=`), in reply-by order: without this index that is a scan of every
 * complaint of the desk, once per opening of a customer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('complaints_customer_due').on('complaints').columns(['customer_id', 'reply_by_at', 'id']).execute();
}
