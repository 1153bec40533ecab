import { shortTime } from '../../api/text/durations.js';
import { sanitize } from '../../api/text/sanitize.js';
import { wrapText } from '../../api/text/width.js';
import type { Message } from '../../api/types.js';

export interface DisplayLine {
  key: string;
  text: string;
  tone: 'customer' | 'agent' | 'note' | 'system' | 'body' | 'noteBody' | 'blank';
}

const cache = new WeakMap<Message, { width: number; lines: DisplayLine[] }>();

/** A message as terminal lines at this width: a header, then the sanitised body wrapped by display width. */
export function messageLines(message: Message, width: number, now: number): DisplayLine[] {
  const hit = cache.get(message);
  if (hit && hit.width === width) return hit.lines;
  const isNote = message.kind === 'note';
  const who = sanitize(message.author.name, { multiline: false });
  const header = `${isNote ? '✎ ' : ''}${who}${isNote ? ' · internal note' : message.author.type === 'customer' ? ' · customer' : ''} · ${shortTime(message.createdAt, now)}`;
  const tone = isNote ? 'note' : message.author.type === 'customer' ? 'customer' : message.author.type === 'agent' ? 'agent' : 'system';
  const lines: DisplayLine[] = [{ key: `${message.id}h`, text: header, tone }];
  wrapText(sanitize(message.body), Math.max(10, width - 2)).forEach((text, i) =>
    lines.push({ key: `${message.id}b${i}`, text: `${isNote ? '│ ' : '  '}${text}`, tone: isNote ? 'noteBody' : 'body' }),
  );
  lines.push({ key: `${message.id}s`, text: '', tone: 'blank' });
  cache.set(message, { width, lines });
  return lines;
}
