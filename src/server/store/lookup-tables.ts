/**
 * Columns migration 010-lookup adds, merged into tables.ts's interfaces so that this area's columns
 * live with it and other areas' changes to tables.ts never collide with them.
 */
declare module './tables.js' {
  interface CustomersTable {
    /** `phone` as E.164 (+6281234567890), the lookup key; null without a phone or when it cannot be read as one. */
    phone_e164: string | null;
  }
  interface ConversationsTable {
    /** A phone conversation an agent logged: when the call started, ended, and the summary written at its end. */
    call_started_at: number | null;
    call_ended_at: number | null;
    call_summary: string | null;
  }
}
export {};
