import type { Argument, Command, Option } from 'commander';
import { completionHint, type CompletionHint, type LiveKind } from './hints.js';

/** A word the shell may put in place of the one being typed, and what it is (zsh and fish show it). */
export interface Candidate {
  value: string;
  description: string;
}

/** Values that come from outside the program: the API or the config file. */
export type LiveSource = (kind: LiveKind) => Promise<Candidate[]>;

/** What is being completed: read from the program's command definitions, not from a list of our own. */
type Slot =
  | { kind: 'subcommands'; command: Command }
  | { kind: 'flags'; command: Command }
  | { kind: 'value'; hint: CompletionHint | undefined; prefix: string };

function optionsInScope(command: Command): Option[] {
  const all: Option[] = [];
  for (let c: Command | null = command; c; c = c.parent) all.push(...c.options);
  return all;
}

function findOption(command: Command, flag: string): Option | undefined {
  return optionsInScope(command).find((o) => o.long === flag || o.short === flag);
}

function takesValue(option: Option): boolean {
  return option.required || option.optional;
}

function findSubcommand(command: Command, word: string): Command | undefined {
  return command.commands.find((c) => c.name() === word || c.aliases().includes(word));
}

/** The hint of the positional argument at this index (a variadic last argument takes the rest). */
function argumentHint(command: Command, index: number): CompletionHint | undefined {
  const args: readonly Argument[] = command.registeredArguments;
  const arg = args[index] ?? (args.at(-1)?.variadic ? args.at(-1) : undefined);
  return arg ? (completionHint(arg.parseArg) ?? (arg.argChoices ? { values: arg.argChoices } : undefined)) : undefined;
}

function optionHint(option: Option): CompletionHint | undefined {
  return completionHint(option.parseArg) ?? (option.argChoices ? { values: option.argChoices } : undefined);
}

/** Walks the typed words (all but the last, which is being typed) the way commander will parse them. */
function slotFor(program: Command, words: readonly string[]): Slot {
  const typed = words.slice(0, -1);
  const current = words.at(-1) ?? '';
  let command = program;
  let positional = 0;
  let afterDashes = false;
  let pendingValue: Option | undefined;
  for (const word of typed) {
    if (pendingValue) {
      pendingValue = undefined;
      continue;
    }
    if (!afterDashes && word === '--') {
      afterDashes = true;
      continue;
    }
    if (!afterDashes && word.startsWith('-') && word.length > 1) {
      const option = word.includes('=') ? undefined : findOption(command, word);
      if (option && option.required) pendingValue = option;
      continue;
    }
    const sub = positional === 0 ? findSubcommand(command, word) : undefined;
    if (sub) command = sub;
    else positional++;
  }
  if (pendingValue) return { kind: 'value', hint: optionHint(pendingValue), prefix: current };
  if (!afterDashes && current.startsWith('--') && current.includes('=')) {
    const option = findOption(command, current.slice(0, current.indexOf('=')));
    return { kind: 'value', hint: option && takesValue(option) ? optionHint(option) : undefined, prefix: current.slice(current.indexOf('=') + 1) };
  }
  if (!afterDashes && current.startsWith('-')) return { kind: 'flags', command };
  if (positional === 0 && command.commands.length > 0) return { kind: 'subcommands', command };
  return { kind: 'value', hint: argumentHint(command, positional), prefix: current };
}

function flagCandidates(command: Command): Candidate[] {
  const out: Candidate[] = [];
  for (const option of optionsInScope(command)) {
    if (option.hidden || option.long === '--version') continue;
    if (option.long) out.push({ value: option.long, description: option.description });
  }
  out.push({ value: '--help', description: 'show help for this command' });
  return out;
}

function subcommandCandidates(command: Command): Candidate[] {
  return command.commands
    .filter((c) => !(c as Command & { _hidden?: boolean })._hidden)
    .flatMap((c) => [c.name(), ...c.aliases()].map((value) => ({ value, description: c.description().split('\n')[0] ?? '' })));
}

async function valueCandidates(hint: CompletionHint | undefined, prefix: string, live: LiveSource): Promise<Candidate[]> {
  if (!hint) return [];
  const values = 'live' in hint ? await live(hint.live) : hint.values.map((value) => ({ value, description: '' }));
  if ('values' in hint && hint.list) {
    // A comma-separated list: complete the last item, keeping what was typed before it.
    const head = prefix.slice(0, prefix.lastIndexOf(',') + 1);
    const chosen = new Set(head.split(',').filter(Boolean));
    return values.filter((v) => !chosen.has(v.value)).map((v) => ({ ...v, value: head + v.value }));
  }
  return values;
}

/** The candidates for the last word of a command line (words after `support`; the last may be ""), matching what was typed. */
export async function complete(program: Command, words: readonly string[], live: LiveSource): Promise<Candidate[]> {
  const slot = slotFor(program, words.length ? words : ['']);
  const current = words.at(-1) ?? '';
  if (slot.kind === 'flags') return flagCandidates(slot.command).filter((c) => c.value.startsWith(current));
  if (slot.kind === 'subcommands') return subcommandCandidates(slot.command).filter((c) => c.value.startsWith(current));
  const found = await valueCandidates(slot.hint, slot.prefix, live);
  const matching = found.filter((c) => c.value.startsWith(slot.prefix));
  // After `--opt=`, the shell replaces the whole word: the candidates keep the flag.
  const flagPart = current.length > slot.prefix.length ? current.slice(0, current.length - slot.prefix.length) : '';
  return matching.map((c) => ({ ...c, value: flagPart + c.value }));
}
