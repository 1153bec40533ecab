import type { TuiState } from '../state/types.js';
import { CONTEXT_TITLES, firstKey, type CommandId, type CommandSpec, type Context } from './keymap.js';

/** Subsequence match, scored so that earlier and adjacent letters rank first ("fch" finds "Filter: next channel"). */
export function fuzzyScore(query: string, text: string): number | undefined {
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  if (!q) return 0;
  let score = 0;
  let from = 0;
  let last = -2;
  for (const ch of q) {
    const at = t.indexOf(ch, from);
    if (at === -1) return undefined;
    score += at === last + 1 ? 1 : 3 + (at - from);
    last = at;
    from = at + 1;
  }
  return score + (t.startsWith(q) ? -5 : 0);
}

/** The contexts of the screen under the palette: what its commands can act on. */
export function screenContexts(state: Pick<TuiState, 'screen' | 'composing' | 'searching'>): Context[] {
  if (state.screen.name === 'conversation') return state.composing ? ['composer', 'conversation'] : ['conversation'];
  if (state.screen.name === 'approvals') return ['approvals'];
  if (state.screen.name === 'customer') return ['customer'];
  if (state.screen.name === 'desk') return ['desk'];
  if (state.screen.name === 'reports') return ['reports'];
  return state.searching ? ['search', 'queue'] : ['queue'];
}

// Quitting is never what Ctrl+K, Enter should do by accident: it comes last.
const QUIT: ReadonlySet<string> = new Set(['app.quit', 'queue.quit']);

/** Whether a command runs on the screen whose contexts are `here` (global ones run everywhere). */
export function runsHere(command: CommandSpec, here: readonly Context[]): boolean {
  return command.context === 'global' || here.includes(command.context);
}

function rank(command: CommandSpec, here: readonly Context[] | undefined): number {
  if (QUIT.has(command.id)) return 3;
  if (!here) return 0;
  if (here.includes(command.context)) return 0;
  return command.context === 'global' ? 1 : 2;
}

/**
 * The palette's list: every command a person would run by name. The current screen's commands come
 * first, then those that run anywhere, then the other screens' (they say where they run), Quit last;
 * typing ranks by the match first.
 */
export function paletteEntries(commands: readonly CommandSpec[], query: string, here?: readonly Context[]): CommandSpec[] {
  return commands
    .map((c, order) => ({ c, order, group: rank(c, here), score: c.paletteHidden ? undefined : fuzzyScore(query, `${c.title} ${c.id}`) }))
    .filter((e): e is { c: CommandSpec; order: number; group: number; score: number } => e.score !== undefined)
    .sort((a, b) => (query ? a.score - b.score || a.group - b.group : a.group - b.group || a.order - b.order))
    .map((e) => e.c);
}

/** Why a command cannot run on this screen, and how to get where it does. */
export function whyNotHere(commands: readonly CommandSpec[], command: CommandSpec): string {
  const k = (id: CommandId) => firstKey(commands, id);
  const where: Partial<Record<Context, string>> = {
    queue: `in the queue: go back to it first (${k('conversation.back')})`,
    conversation: `in a conversation: open one first (${k('queue.open')} on the queue)`,
    composer: `while writing a reply (${k('conversation.reply')} in a conversation)`,
    approvals: `on the approvals screen (${k('queue.approvals')} on the queue, supervisors)`,
    search: `while searching the queue (${k('queue.search')})`,
    desk: `on the desk board (${k('queue.desk')} on the queue, supervisors)`,
  };
  return `“${command.title}” (${command.id}) works ${where[command.context] ?? `in ${CONTEXT_TITLES[command.context]}`}`;
}

/** The macro picker's list: shortcut and name matched fuzzily, best first. */
export function macroEntries<T extends { shortcut: string; name: string }>(macros: readonly T[], query: string): T[] {
  return macros
    .map((m) => ({ m, score: fuzzyScore(query, `${m.shortcut} ${m.name}`) }))
    .filter((e): e is { m: T; score: number } => e.score !== undefined)
    .sort((a, b) => a.score - b.score)
    .map((e) => e.m);
}
