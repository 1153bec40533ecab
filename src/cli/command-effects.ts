import type { Command } from 'commander';

/**
 * What running a command does to the desk: `reads` only, `changes` something on the server (refused
 * in read-only mode), or `local` (this machine's config and session, or a server or workspace of
 * its own). Every command is in this table: tests/cli/command-effects.test.ts fails for a command that
 * is not, so a new command that changes the desk cannot slip past read-only mode undeclared.
 */
export type Effect = 'reads' | 'changes' | 'local';

/** Some commands change things only with an argument or option (`availability away`; bare `availability` reads). */
type EffectRule = Effect | ((args: readonly unknown[], options: Readonly<Record<string, unknown>>) => Effect);

export const COMMAND_EFFECTS: Readonly<Record<string, EffectRule>> = {
  login: 'local',
  logout: 'local',
  whoami: 'reads',
  queue: 'reads',
  claim: 'changes',
  'conversation show': 'reads',
  'conversation reply': 'changes',
  'conversation note': 'changes',
  'conversation resolve': 'changes',
  'conversation reopen': 'changes',
  'conversation pending': 'changes',
  'conversation close': 'changes',
  'conversation snooze': 'changes',
  'conversation transfer': 'changes',
  'conversation tag': 'changes',
  'conversation create': 'changes',
  'conversation end-call': 'changes',
  find: 'reads',
  'customer show': 'reads',
  'customer transactions': 'reads',
  'customer conversations': 'reads',
  'customer complaints': 'reads',
  // Opens the workspace on the caller and logs the call.
  call: 'changes',
  availability: (args) => (args[0] === undefined ? 'reads' : 'changes'),
  'agent list': 'reads',
  'agent create': 'changes',
  'agent update': 'changes',
  'sla show': 'reads',
  'sla set': 'changes',
  'macro list': 'reads',
  'macro show': 'reads',
  'macro render': 'reads',
  'complaint create': 'changes',
  'complaint show': 'reads',
  'complaint list': 'reads',
  'complaint answer': 'changes',
  'complaint review': 'changes',
  'complaint close': 'changes',
  'account show': 'reads',
  'account freeze': 'changes',
  'account unfreeze': 'changes',
  'account close': 'changes',
  'refund create': 'changes',
  'refund approve': 'changes',
  'refund reject': 'changes',
  'refund list': 'reads',
  'refund show': 'reads',
  audit: 'reads',
  'bulk freeze': 'changes',
  'bulk unfreeze': 'changes',
  'bulk refund': 'changes',
  'bulk resolve': 'changes',
  'bulk reply': 'changes',
  'bulk note': 'changes',
  'bulk assign': 'changes',
  'bulk tag': 'changes',
  'config list': 'local',
  'config use': 'local',
  'config set': 'local',
  completion: 'local',
  desk: 'reads',
  'desk settings': 'reads',
  'desk settings set': 'changes',
  'assist suggest': 'reads',
  'incident create': 'changes',
  'incident update': 'changes',
  'incident link': 'changes',
  'incident unlink': 'changes',
  'incident broadcast': 'changes',
  'incident resolve': 'changes',
  'incident list': 'reads',
  'incident show': 'reads',
  'announcement create': 'changes',
  'announcement list': 'reads',
  'announcement cancel': 'changes',
  'complaint extend': 'changes',
  'calendar list': 'reads',
  'calendar show': 'reads',
  'calendar add': 'reads',
  'calendar create': 'changes',
  'calendar update': 'changes',
  'calendar delete': 'changes',
  'calendar holiday add': 'changes',
  report: 'reads',
  'review list': 'reads',
  'review show': 'reads',
  'review sample': 'changes',
  'review create': 'changes',
  'review score': 'changes',
  'review rubric': (_args, options) => (options['criterion'] === undefined ? 'reads' : 'changes'),
  'survey list': 'reads',
  'survey follow-ups': 'reads',
  'survey close-follow-up': 'changes',
  'survey feedback': 'reads',
  'config path': 'local',
  server: 'local',
  demo: 'local',
};

/** `refund create`: the command's words after `support`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export function effectOf(command: Command): Effect | undefined {
  const rule = COMMAND_EFFECTS[commandPath(command)];
  return typeof rule === 'function' ? rule(command.processedArgs, command.opts()) : rule;
}
