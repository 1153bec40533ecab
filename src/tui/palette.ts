import type { CommandSpec } from './keymap.js';

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

/** The palette's list: every command a person would run by name, best matches first. */
export function paletteEntries(commands: readonly CommandSpec[], query: string): CommandSpec[] {
  return commands
    .filter((c) => !c.paletteHidden)
    .map((c) => ({ c, score: fuzzyScore(query, `${c.title} ${c.id}`) }))
    .filter((e): e is { c: CommandSpec; score: number } => e.score !== undefined)
    .sort((a, b) => a.score - b.score)
    .map((e) => e.c);
}

/** The macro picker's list: shortcut and name matched fuzzily, best first. */
export function macroEntries<T extends { shortcut: string; name: string }>(macros: readonly T[], query: string): T[] {
  return macros
    .map((m) => ({ m, score: fuzzyScore(query, `${m.shortcut} ${m.name}`) }))
    .filter((e): e is { m: T; score: number } => e.score !== undefined)
    .sort((a, b) => a.score - b.score)
    .map((e) => e.m);
}
