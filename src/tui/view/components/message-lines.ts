import { isAutomaticAnswer } from '../../../api/automatic-answers.js';
import { shortTime } from '../../../api/text/durations.js';
import { sanitize } from '../../../api/text/sanitize.js';
import { wrapText } from '../../../api/text/width.js';
import type { ConversationSummary, Message } from '../../../api/types.js';
import type { OutboxEntry } from '../../state/types.js';

export interface DisplayLine {
  key: string;
  text: string;
  tone: 'customer' | 'agent' | 'note' | 'system' | 'body' | 'noteBody' | 'blank' | 'waiting';
}

const cache = new WeakMap<Message, { width: number; lines: DisplayLine[] }>();

/** A message as terminal lines at this width: a header, then the sanitised body wrapped by display width. */
export function messageLines(message: Message, width: number, now: number): DisplayLine[] {
  const hit = cache.get(message);
  if (hit && hit.width === width) return hit.lines;
  const isNote = message.kind === 'note';
  const who = sanitize(message.author.name, { multiline: false });
  const header = `${isNote ? '✎ ' : ''}${who}${isNote ? ' · internal note' : message.author.type === 'customer' ? ' · customer' : isAutomaticAnswer(message) ? ' · automatic answer' : ''} · ${shortTime(message.createdAt, now)}`;
  const tone = isNote ? 'note' : message.author.type === 'customer' ? 'customer' : message.author.type === 'agent' ? 'agent' : 'system';
  const lines: DisplayLine[] = [{ key: `${message.id}h`, text: header, tone }];
  wrapText(sanitize(message.body), Math.max(10, width - 2)).forEach((text, i) =>
    lines.push({ key: `${message.id}b${i}`, text: `${isNote ? '│ ' : '  '}${text}`, tone: isNote ? 'noteBody' : 'body' }),
  );
  lines.push({ key: `${message.id}s`, text: '', tone: 'blank' });
  cache.set(message, { width, lines });
  return lines;
}

/**
 * A reply or note still in the outbox, where it will appear once sent: marked as waiting, with the
 * keys that take it back (`hint`), so nobody mistakes it for one the customer has.
 */
export function waitingLines(entry: OutboxEntry, width: number, now: number, hint: string): DisplayLine[] {
  const isNote = entry.kind === 'note';
  const what = entry.error ? `not sent: ${sanitize(entry.error, { multiline: false })}` : 'waiting to send';
  const header = `✉ ${isNote ? 'Your internal note' : 'Your reply'} · ${what} · ${shortTime(new Date(entry.queuedAt).toISOString(), now)}${hint ? ` · ${hint}` : ''}`;
  const key = `w${entry.clientMessageId}`;
  const lines: DisplayLine[] = [{ key: `${key}h`, text: header, tone: 'waiting' }];
  wrapText(sanitize(entry.body), Math.max(10, width - 2)).forEach((text, i) => lines.push({ key: `${key}b${i}`, text: `┆ ${text}`, tone: 'waiting' }));
  lines.push({ key: `${key}s`, text: '', tone: 'blank' });
  return lines;
}

/**
 * The customer's earlier conversations as collapsed separators above a thread, oldest first: one line
 * each (number, channel, status, subject, when), then a rule that says where this thread begins and
 * which keys jump between them (`hint`).
 */
export function earlierConversationLines(earlier: readonly ConversationSummary[], now: number, hint: string): DisplayLine[] {
  if (earlier.length === 0) return [];
  const lines: DisplayLine[] = earlier.map((c) => ({
    key: `e${c.id}`,
    text: `┄ #${c.id} · ${c.channel} · ${c.status} · ${sanitize(c.subject, { multiline: false })} · ${shortTime(c.createdAt, now)} ┄`,
    tone: 'system',
  }));
  lines.push({ key: 'e-rule', text: `── this conversation · ${earlier.length} earlier with this customer above (${hint}) ──`, tone: 'system' });
  lines.push({ key: 'e-blank', text: '', tone: 'blank' });
  return lines;
}
