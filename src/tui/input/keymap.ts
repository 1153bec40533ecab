import { isValidKeyName, RESERVED_KEYS } from './keys.js';

/**
 * Every command of the workspace, with its default keys per context. The help screen, the command
 * palette and the user's remapping in the config all read this one table.
 */
export type { CommandSpec, Context } from '../state/command-spec.js';
import type { CommandSpec, Context } from '../state/command-spec.js';

export const COMMANDS = [
  { id: 'app.quit', context: 'global', keys: ['ctrl+c'], title: 'Quit' },
  { id: 'app.help', context: 'global', keys: ['?'], title: 'Show keys' },
  { id: 'app.palette', context: 'global', keys: ['ctrl+k', ':'], title: 'Command palette' },
  { id: 'app.suspend', context: 'global', keys: ['ctrl+z'], title: 'Suspend to the shell', paletteHidden: true },
  { id: 'app.messages', context: 'global', keys: ['L'], title: 'Message log: every status-bar message, whole' },
  { id: 'app.myRefunds', context: 'global', keys: ['M'], title: 'My refunds and their status (approved, rejected, waiting)' },
  // Ctrl+F as in "find"; while writing a reply Ctrl+F moves the cursor (readline), so Esc first there.
  { id: 'app.lookup', context: 'global', keys: ['ctrl+f'], title: 'Find a customer: phone, email, id, name, #conversation, message text' },

  { id: 'queue.down', context: 'queue', keys: ['j', 'down'], title: 'Next conversation', paletteHidden: true },
  { id: 'queue.up', context: 'queue', keys: ['k', 'up'], title: 'Previous conversation', paletteHidden: true },
  { id: 'queue.pageDown', context: 'queue', keys: ['pagedown', 'ctrl+d'], title: 'Page down', paletteHidden: true },
  { id: 'queue.pageUp', context: 'queue', keys: ['pageup', 'ctrl+u'], title: 'Page up', paletteHidden: true },
  { id: 'queue.first', context: 'queue', keys: ['g', 'home'], title: 'First conversation' },
  { id: 'queue.last', context: 'queue', keys: ['G', 'end'], title: 'Last conversation' },
  { id: 'queue.open', context: 'queue', keys: ['enter', 'o', 'l'], title: 'Open conversation' },
  { id: 'queue.search', context: 'queue', keys: ['/'], title: 'Search the queue' },
  { id: 'queue.filterStatus', context: 'queue', keys: ['s'], title: 'Filter: next status' },
  { id: 'queue.filterChannel', context: 'queue', keys: ['c'], title: 'Filter: next channel' },
  { id: 'queue.filterPriority', context: 'queue', keys: ['p'], title: 'Filter: next priority' },
  { id: 'queue.filterMine', context: 'queue', keys: ['m'], title: 'Filter: mine' },
  { id: 'queue.filterUnassigned', context: 'queue', keys: ['u'], title: 'Filter: unassigned' },
  { id: 'queue.filterIncident', context: 'queue', keys: ['i'], title: 'Filter: the active incident’s conversations (the newest in the banner); again to drop it' },
  { id: 'queue.clearFilters', context: 'queue', keys: ['x'], title: 'Clear filters and search' },
  { id: 'queue.refresh', context: 'queue', keys: ['R', 'ctrl+r'], title: 'Reload the queue' },
  { id: 'queue.claimNext', context: 'queue', keys: ['n'], title: 'Claim the next conversation and open it' },
  { id: 'queue.approvals', context: 'queue', keys: ['A'], title: 'Refunds waiting for approval (supervisors)' },
  { id: 'queue.desk', context: 'queue', keys: ['D'], title: 'The desk at a glance: agents, queue, SLA, today, volume (supervisors)' },
  { id: 'queue.reports', context: 'queue', keys: ['r'], title: 'Reports: SLA, volume, agents, CSAT, complaints, refunds over 7, 30 or 90 days (supervisors)' },
  { id: 'queue.availability', context: 'queue', keys: ['v'], title: 'Switch availability: online, away, offline' },
  { id: 'queue.quit', context: 'queue', keys: ['q'], title: 'Quit' },
  // Queue views from the config file: shown in help and the palette only as far as views are defined (input/view-commands.ts).
  { id: 'queue.nextView', context: 'queue', keys: ['tab'], title: 'Next view' },
  { id: 'queue.previousView', context: 'queue', keys: ['shift+tab'], title: 'Previous view' },
  { id: 'queue.view0', context: 'queue', keys: ['0'], title: 'The default queue (no view)' },
  { id: 'queue.view1', context: 'queue', keys: ['1'], title: 'View 1' },
  { id: 'queue.view2', context: 'queue', keys: ['2'], title: 'View 2' },
  { id: 'queue.view3', context: 'queue', keys: ['3'], title: 'View 3' },
  { id: 'queue.view4', context: 'queue', keys: ['4'], title: 'View 4' },
  { id: 'queue.view5', context: 'queue', keys: ['5'], title: 'View 5' },
  { id: 'queue.view6', context: 'queue', keys: ['6'], title: 'View 6' },
  { id: 'queue.view7', context: 'queue', keys: ['7'], title: 'View 7' },
  { id: 'queue.view8', context: 'queue', keys: ['8'], title: 'View 8' },
  { id: 'queue.view9', context: 'queue', keys: ['9'], title: 'View 9' },

  { id: 'search.accept', context: 'search', keys: ['enter'], title: 'Keep the search', paletteHidden: true },
  { id: 'search.cancel', context: 'search', keys: ['escape'], title: 'Cancel the search', paletteHidden: true },
  { id: 'search.backspace', context: 'search', keys: ['backspace'], title: 'Delete back', paletteHidden: true },
  { id: 'search.deleteWord', context: 'search', keys: ['ctrl+w', 'alt+backspace'], title: 'Delete word back', paletteHidden: true },
  { id: 'search.clearLine', context: 'search', keys: ['ctrl+u'], title: 'Delete to the start', paletteHidden: true },

  { id: 'conversation.back', context: 'conversation', keys: ['escape', 'q'], title: 'Back to the queue, or to the customer’s screen it was opened from' },
  { id: 'conversation.reply', context: 'conversation', keys: ['enter', 'i'], title: 'Write a reply' },
  { id: 'conversation.note', context: 'conversation', keys: ['N'], title: 'Write an internal note' },
  { id: 'conversation.macro', context: 'conversation', keys: ['/'], title: 'Insert a macro into the reply (suggested ones first)' },
  { id: 'conversation.suggestion1', context: 'conversation', keys: ['1'], title: 'Insert the first suggested answer, filled in' },
  { id: 'conversation.suggestion2', context: 'conversation', keys: ['2'], title: 'Insert the second suggested answer, filled in' },
  { id: 'conversation.suggestion3', context: 'conversation', keys: ['3'], title: 'Insert the third suggested answer, filled in' },
  { id: 'conversation.scrollUp', context: 'conversation', keys: ['k', 'up'], title: 'Scroll messages up', paletteHidden: true },
  { id: 'conversation.scrollDown', context: 'conversation', keys: ['j', 'down'], title: 'Scroll messages down', paletteHidden: true },
  { id: 'conversation.pageUp', context: 'conversation', keys: ['pageup', 'ctrl+u'], title: 'Page messages up', paletteHidden: true },
  { id: 'conversation.pageDown', context: 'conversation', keys: ['pagedown', 'ctrl+d'], title: 'Page messages down', paletteHidden: true },
  { id: 'conversation.oldest', context: 'conversation', keys: ['g', 'ctrl+home'], title: 'Oldest message', paletteHidden: true },
  { id: 'conversation.newest', context: 'conversation', keys: ['G', 'ctrl+end'], title: 'Newest message', paletteHidden: true },
  { id: 'conversation.claimNext', context: 'conversation', keys: ['n'], title: 'Claim the next conversation and open it' },
  { id: 'conversation.resolve', context: 'conversation', keys: ['e'], title: 'Resolve' },
  { id: 'conversation.resolveNext', context: 'conversation', keys: ['E'], title: 'Resolve and claim the next' },
  { id: 'conversation.reopen', context: 'conversation', keys: ['o'], title: 'Reopen' },
  { id: 'conversation.pending', context: 'conversation', keys: ['w'], title: 'Set pending (waiting on the customer)' },
  { id: 'conversation.snooze', context: 'conversation', keys: ['z'], title: 'Snooze until a time' },
  { id: 'conversation.transfer', context: 'conversation', keys: ['t'], title: 'Transfer to an agent or a team' },
  { id: 'conversation.tags', context: 'conversation', keys: ['#'], title: 'Edit tags' },
  { id: 'conversation.freeze', context: 'conversation', keys: ['f'], title: 'Freeze the customer’s wallet' },
  { id: 'conversation.unfreeze', context: 'conversation', keys: ['U'], title: 'Unfreeze a wallet (supervisors, after an identity check)' },
  { id: 'conversation.refund', context: 'conversation', keys: ['r'], title: 'Refund a payment' },
  { id: 'conversation.panel', context: 'conversation', keys: ['p'], title: 'Show or hide the customer panel' },
  { id: 'conversation.editWaiting', context: 'conversation', keys: ['u'], title: 'Take the message waiting to send back into the reply box' },
  { id: 'conversation.cancelWaiting', context: 'conversation', keys: ['X'], title: 'Cancel the message waiting to send' },
  { id: 'conversation.priority', context: 'conversation', keys: ['P'], title: 'Set the priority' },
  { id: 'conversation.category', context: 'conversation', keys: ['C'], title: 'Set the category' },
  { id: 'conversation.customer', context: 'conversation', keys: ['c'], title: 'The customer’s screen: profile, wallets, transactions, conversations' },
  { id: 'conversation.complaint', context: 'conversation', keys: ['!'], title: 'Complaint: open, answer, ask for a second review' },
  { id: 'conversation.earlier', context: 'conversation', keys: ['['], title: 'The customer’s earlier conversation (the one above this thread)' },
  { id: 'conversation.later', context: 'conversation', keys: [']'], title: 'The customer’s later conversation' },
  { id: 'conversation.linkIncident', context: 'conversation', keys: ['I'], title: 'Link to the active incident (the newest in the banner)' },

  { id: 'composer.send', context: 'composer', keys: ['enter'], title: 'Send', paletteHidden: true },
  // Ctrl, not Alt: Esc then E typed fast arrives as Alt+Shift+E, and would send a draft the agent meant to keep.
  // Ctrl+O as in readline's "operate and get next".
  { id: 'composer.sendResolve', context: 'composer', keys: ['ctrl+x'], title: 'Send, then resolve', paletteHidden: true },
  { id: 'composer.sendResolveNext', context: 'composer', keys: ['ctrl+o'], title: 'Send, resolve and claim the next', paletteHidden: true },
  { id: 'composer.leave', context: 'composer', keys: ['escape'], title: 'Stop writing (the draft is kept)', paletteHidden: true },
  { id: 'composer.toggleNote', context: 'composer', keys: ['ctrl+n'], title: 'Switch reply / internal note', paletteHidden: true },
  { id: 'composer.macro', context: 'composer', keys: ['ctrl+t'], title: 'Insert a macro', paletteHidden: true },
  { id: 'composer.newline', context: 'composer', keys: ['alt+enter', 'ctrl+j'], title: 'New line', paletteHidden: true },
  { id: 'composer.backspace', context: 'composer', keys: ['backspace', 'ctrl+h'], title: 'Delete back', paletteHidden: true },
  { id: 'composer.delete', context: 'composer', keys: ['delete'], title: 'Delete forward', paletteHidden: true },
  { id: 'composer.left', context: 'composer', keys: ['left', 'ctrl+b'], title: 'Cursor left', paletteHidden: true },
  { id: 'composer.right', context: 'composer', keys: ['right', 'ctrl+f'], title: 'Cursor right', paletteHidden: true },
  { id: 'composer.wordLeft', context: 'composer', keys: ['alt+left', 'alt+b'], title: 'Word left', paletteHidden: true },
  { id: 'composer.wordRight', context: 'composer', keys: ['alt+right', 'alt+f'], title: 'Word right', paletteHidden: true },
  { id: 'composer.home', context: 'composer', keys: ['home', 'ctrl+a'], title: 'Start of line', paletteHidden: true },
  { id: 'composer.end', context: 'composer', keys: ['end', 'ctrl+e'], title: 'End of line', paletteHidden: true },
  { id: 'composer.deleteWord', context: 'composer', keys: ['ctrl+w', 'alt+backspace'], title: 'Delete word back', paletteHidden: true },
  { id: 'composer.clearLine', context: 'composer', keys: ['ctrl+u'], title: 'Delete to start of line', paletteHidden: true },

  { id: 'approvals.down', context: 'approvals', keys: ['j', 'down'], title: 'Next refund', paletteHidden: true },
  { id: 'approvals.up', context: 'approvals', keys: ['k', 'up'], title: 'Previous refund', paletteHidden: true },
  { id: 'approvals.approve', context: 'approvals', keys: ['a', 'enter'], title: 'Approve the refund' },
  { id: 'approvals.reject', context: 'approvals', keys: ['x'], title: 'Reject the refund' },
  { id: 'approvals.refresh', context: 'approvals', keys: ['R'], title: 'Reload the approvals' },
  { id: 'approvals.back', context: 'approvals', keys: ['escape', 'q'], title: 'Back to the queue' },

  { id: 'desk.down', context: 'desk', keys: ['j', 'down'], title: 'Next agent (or conversation)', paletteHidden: true },
  { id: 'desk.up', context: 'desk', keys: ['k', 'up'], title: 'Previous agent (or conversation)', paletteHidden: true },
  { id: 'desk.open', context: 'desk', keys: ['enter', 'o'], title: 'The agent’s open conversations; on one, open it' },
  { id: 'desk.transfer', context: 'desk', keys: ['t'], title: 'Transfer the chosen conversation to another agent or a team' },
  { id: 'desk.priority', context: 'desk', keys: ['P'], title: 'Change the chosen conversation’s priority' },
  { id: 'desk.away', context: 'desk', keys: ['a'], title: 'Set the agent away' },
  { id: 'desk.offline', context: 'desk', keys: ['x'], title: 'Set the agent offline' },
  { id: 'desk.online', context: 'desk', keys: ['O'], title: 'Set the agent online' },
  { id: 'desk.refresh', context: 'desk', keys: ['R', 'ctrl+r'], title: 'Reload the board' },
  { id: 'desk.reports', context: 'desk', keys: ['r'], title: 'Reports: SLA, volume, agents, CSAT, complaints, refunds' },
  { id: 'desk.back', context: 'desk', keys: ['escape', 'q'], title: 'Back: from the conversations to the agents, from the agents to the queue' },

  { id: 'reports.sla', context: 'reports', keys: ['1', 's'], title: 'Report: SLA attained per clock, response and resolution times' },
  { id: 'reports.volume', context: 'reports', keys: ['2', 'v'], title: 'Report: volume, with the weekday × hour heatmap' },
  { id: 'reports.agents', context: 'reports', keys: ['3', 'a'], title: 'Report: per agent (handled, replies, response, CSAT, reopen, quality)' },
  { id: 'reports.csat', context: 'reports', keys: ['4', 'c'], title: 'Report: satisfaction (CSAT) ratings' },
  { id: 'reports.complaints', context: 'reports', keys: ['5', 'C'], title: 'Report: complaints, answered within deadline, second reviews' },
  { id: 'reports.refunds', context: 'reports', keys: ['6', 'f'], title: 'Report: refunds by currency, approval wait' },
  { id: 'reports.nextPeriod', context: 'reports', keys: ['p', 'tab'], title: 'Period: 7 → 30 → 90 days' },
  { id: 'reports.previousPeriod', context: 'reports', keys: ['P', 'shift+tab'], title: 'Period: 90 → 30 → 7 days' },
  { id: 'reports.nextTeam', context: 'reports', keys: ['T'], title: 'Team: the whole desk → each team → the whole desk' },
  { id: 'reports.refresh', context: 'reports', keys: ['R', 'ctrl+r'], title: 'Reload the report' },
  { id: 'reports.back', context: 'reports', keys: ['escape', 'q'], title: 'Back to the queue or the board' },

  { id: 'customer.back', context: 'customer', keys: ['escape', 'q'], title: 'Back to where the customer was opened from' },
  { id: 'customer.down', context: 'customer', keys: ['j', 'down'], title: 'Next row', paletteHidden: true },
  { id: 'customer.up', context: 'customer', keys: ['k', 'up'], title: 'Previous row', paletteHidden: true },
  { id: 'customer.pageDown', context: 'customer', keys: ['pagedown', 'ctrl+d'], title: 'Page down', paletteHidden: true },
  { id: 'customer.pageUp', context: 'customer', keys: ['pageup', 'ctrl+u'], title: 'Page up', paletteHidden: true },
  { id: 'customer.open', context: 'customer', keys: ['enter', 'o'], title: 'Open the chosen conversation (Esc comes back here)' },
  { id: 'customer.freeze', context: 'customer', keys: ['f'], title: 'Freeze the customer’s wallet' },
  { id: 'customer.unfreeze', context: 'customer', keys: ['U'], title: 'Unfreeze a wallet (supervisors, after an identity check)' },
  { id: 'customer.refund', context: 'customer', keys: ['r'], title: 'Refund a payment' },
  { id: 'customer.filter', context: 'customer', keys: ['/'], title: 'Filter the transactions: status, type, since, amount, counterparty' },
  { id: 'customer.clearFilter', context: 'customer', keys: ['x'], title: 'Show every transaction again' },
  { id: 'customer.complaint', context: 'customer', keys: ['!'], title: 'Complaint about the chosen conversation: open, answer, second review' },
  { id: 'customer.startConversation', context: 'customer', keys: ['s'], title: 'Start a conversation: an email, chat or social message to the customer' },
  { id: 'customer.logCall', context: 'customer', keys: ['l'], title: 'Log a phone call with this customer; again to end it with its summary' },
  { id: 'customer.refresh', context: 'customer', keys: ['R', 'ctrl+r'], title: 'Reload the customer' },

  { id: 'overlay.close', context: 'overlay', keys: ['escape'], title: 'Close', paletteHidden: true },
  { id: 'overlay.down', context: 'overlay', keys: ['down', 'ctrl+n'], title: 'Next', paletteHidden: true },
  { id: 'overlay.up', context: 'overlay', keys: ['up', 'ctrl+p'], title: 'Previous', paletteHidden: true },
  { id: 'overlay.accept', context: 'overlay', keys: ['enter'], title: 'Choose', paletteHidden: true },
  { id: 'overlay.backspace', context: 'overlay', keys: ['backspace'], title: 'Delete back', paletteHidden: true },
  { id: 'overlay.deleteWord', context: 'overlay', keys: ['ctrl+w', 'alt+backspace'], title: 'Delete word back (text fields)', paletteHidden: true },
  { id: 'overlay.clearLine', context: 'overlay', keys: ['ctrl+u'], title: 'Delete to the start (text fields)', paletteHidden: true },
] as const satisfies readonly CommandSpec[];

/** A command of the table, or a custom action of the config file (custom.1, custom.2…: input/custom-actions.ts). */
export type CommandId = (typeof COMMANDS)[number]['id'] | `custom.${number}`;

export const CONTEXT_TITLES: Record<Context, string> = {
  global: 'Anywhere',
  queue: 'Queue',
  search: 'Searching the queue',
  conversation: 'Conversation',
  composer: 'Writing',
  approvals: 'Refunds waiting for approval',
  customer: 'Customer',
  desk: 'Desk board (supervisors)',
  reports: 'Reports (supervisors)',
  overlay: 'Lists and dialogs',
};

export type Keymap = Map<Context, Map<string, CommandId>>;

export function buildKeymap(commands: readonly CommandSpec[]): Keymap {
  const map: Keymap = new Map();
  for (const c of commands) {
    let byKey = map.get(c.context);
    if (!byKey) map.set(c.context, (byKey = new Map()));
    for (const k of c.keys) byKey.set(k, c.id as CommandId);
  }
  return map;
}

/** The command a key runs in the first of the active contexts that binds it. */
export function resolveKey(keymap: Keymap, contexts: readonly Context[], key: string): CommandId | undefined {
  for (const context of contexts) {
    const command = keymap.get(context)?.get(key);
    if (command) return command;
  }
  return undefined;
}

/**
 * Applies the user's remapping ({"queue.down": ["j", "down"]}) to the defaults. Every bad entry is
 * reported (which entry, why) and the defaults for it are kept; a good entry replaces the command's keys.
 */
export function applyKeymapOverrides(overrides: unknown, defaults: readonly CommandSpec[] = COMMANDS): { commands: CommandSpec[]; problems: string[] } {
  const commands = defaults.map((c) => ({ ...c }));
  const problems: string[] = [];
  if (overrides === undefined || overrides === null) return { commands, problems };
  if (typeof overrides !== 'object' || Array.isArray(overrides)) {
    return { commands, problems: ['keymap must be an object of command id to a list of keys; using the default keys'] };
  }
  for (const [id, value] of Object.entries(overrides as Record<string, unknown>)) {
    const command = commands.find((c) => c.id === id);
    if (!command) {
      problems.push(`keymap "${id}": no such command (see the list with ?); ignored`);
      continue;
    }
    const keys = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k === 'string')) {
      problems.push(`keymap "${id}": give a key or a list of keys, such as ["j", "down"]; kept ${command.keys.join(', ')}`);
      continue;
    }
    const bad = keys.find((k) => !isValidKeyName(k));
    if (bad !== undefined) {
      problems.push(`keymap "${id}": "${bad}" is not a key name (examples: j, G, ?, enter, ctrl+k, alt+enter, pagedown); kept ${command.keys.join(', ')}`);
      continue;
    }
    const reserved = keys.find((k) => RESERVED_KEYS.has(k) && RESERVED_KEYS.get(k)!.owner !== id);
    if (reserved !== undefined) {
      problems.push(`keymap "${id}": ${reserved} is taken (${RESERVED_KEYS.get(reserved)!.why}); kept ${command.keys.join(', ')}`);
      continue;
    }
    const clash = commands.find((other) => other.id !== id && other.context === command.context && other.keys.some((k) => keys.includes(k)));
    if (clash) {
      const key = clash.keys.find((k) => keys.includes(k));
      problems.push(`keymap "${id}": ${key} already runs "${clash.id}" here; kept ${command.keys.join(', ')}`);
      continue;
    }
    command.keys = keys as string[];
    problems.push(...shadowWarnings(commands, command));
  }
  // Ctrl+C always quits and Ctrl+Z always suspends, whatever else those commands are bound to.
  for (const [key, { owner }] of RESERVED_KEYS) {
    const command = commands.find((c) => c.id === owner);
    if (command && !command.keys.includes(key)) command.keys = [...command.keys, key];
  }
  return { commands, problems };
}

/**
 * A screen's own keys win over the ones that work anywhere, so a remap can hide a command without a
 * clash in one context: `?` given to a conversation command takes help away there. Such a remap is
 * applied (it may be what the user wants) and said out loud.
 */
function shadowWarnings(commands: readonly CommandSpec[], command: CommandSpec): string[] {
  const warnings: string[] = [];
  for (const key of command.keys) {
    if (command.context === 'global') {
      const hiders = commands.filter((o) => o.context !== 'global' && o.keys.includes(key));
      if (hiders.length) {
        const where = hiders.map((o) => `"${o.id}" in ${CONTEXT_TITLES[o.context]}`).join(', ');
        warnings.push(`keymap "${command.id}": ${key} already runs ${where}, so there it does not run "${command.id}"`);
      }
    } else {
      const hidden = commands.find((o) => o.context === 'global' && o.keys.includes(key));
      if (!hidden) continue;
      const left = hidden.keys.filter((k) => !command.keys.includes(k));
      warnings.push(
        `keymap "${command.id}": ${key} now runs it in ${CONTEXT_TITLES[command.context]} instead of "${hidden.id}" (${hidden.title})` +
          (left.length ? `; ${displayKeys(left)} still runs "${hidden.id}" there` : `; "${hidden.id}" has no other key there`),
      );
    }
  }
  return warnings;
}

export function keysFor(commands: readonly CommandSpec[], id: CommandId): readonly string[] {
  return commands.find((c) => c.id === id)?.keys ?? [];
}

/** The first key of a command as people write it, for hints: they follow the user's remapping. */
export function firstKey(commands: readonly CommandSpec[], id: CommandId): string {
  return displayKeys(keysFor(commands, id).slice(0, 1));
}

const NAMED: Record<string, string> = { pagedown: 'PgDn', pageup: 'PgUp', enter: 'Enter', escape: 'Esc', backspace: 'Bksp', space: 'Space', home: 'Home', end: 'End', tab: 'Tab', delete: 'Del' };

/** "j/↓", "Ctrl+K", "Alt+Enter": keys as people write them, for hints and the help screen. */
export function displayKeys(keys: readonly string[]): string {
  return keys
    .map((k) =>
      k
        .replace(/\b(ctrl|alt|shift)\+/g, (_, m: string) => `${m[0]!.toUpperCase()}${m.slice(1)}+`)
        .replace(/\+([a-z])$/, (_, c: string) => `+${c.toUpperCase()}`)
        .replace(/(^|\+)(pagedown|pageup|enter|escape|backspace|space|home|end|tab|delete)$/, (_, pre: string, name: string) => pre + NAMED[name])
        .replace(/^down$/, '↓')
        .replace(/^up$/, '↑')
        .replace(/^left$/, '←')
        .replace(/^right$/, '→'),
    )
    .join('/');
}
