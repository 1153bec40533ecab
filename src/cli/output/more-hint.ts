import { color } from './color.js';
import { note, stdoutIsTty } from './terminal.js';

const PLAIN = /^[A-Za-z0-9_\-.,:/=@%+]+$/;

function shellQuote(arg: string): string {
  return PLAIN.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command that lists the next page: the one that ran, word for word (filters, --limit, --profile),
 * with its --cursor replaced by `nextCursor`. Rebuilt from what was typed rather than from options, so
 * no filter a command has, or gains later, can be forgotten.
 */
export function nextPageCommand(nextCursor: string, argv: readonly string[] = process.argv.slice(2)): string {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--cursor') i++;
    else if (!arg.startsWith('--cursor=')) kept.push(arg);
  }
  return ['support', ...kept, '--cursor', nextCursor].map(shellQuote).join(' ');
}

/** On a terminal, after a page of a list: how to see the rest (stderr, so pipes never get it). */
export function printMoreHint(nextCursor: string | null): void {
  if (nextCursor && stdoutIsTty()) note(`more: ${nextPageCommand(nextCursor)}`, (text) => color.dim(text));
}
