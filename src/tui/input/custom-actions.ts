import { sanitize } from '../../api/text/sanitize.js';
import { ACTION_VARIABLES, API_METHODS, isDangerousAction, templateVariables, type ActionRun, type ApiMethod, type CustomAction } from '../state/custom-action.js';
import { isValidKeyName, RESERVED_KEYS } from './keys.js';
import { CONTEXT_TITLES, type CommandSpec, type Context } from './keymap.js';

const ACTION_CONTEXTS: readonly Context[] = ['global', 'queue', 'conversation', 'customer', 'approvals'];
const ACTION_KEYS = new Set(['key', 'context', 'title', 'command', 'macro', 'api', 'shell', 'confirm', 'dangerous', 'profiles']);
const RUNS = ['command', 'macro', 'api', 'shell'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every string in a JSON value (an API body's templates). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (isObject(value)) return Object.values(value).flatMap(strings);
  return [];
}

function readRun(entry: Record<string, unknown>, context: Context, commands: readonly CommandSpec[]): ActionRun | string {
  const given = RUNS.filter((r) => entry[r] !== undefined);
  if (given.length !== 1) return `give exactly one of ${RUNS.join(', ')}`;
  const [kind] = given as [(typeof RUNS)[number]];
  const value = entry[kind];
  if (kind === 'command') {
    const target = commands.find((c) => c.id === value && !c.id.startsWith('custom.'));
    if (!target) return `command "${String(value)}" is not a command of the palette (see the list with ?)`;
    if (target.context !== 'global' && target.context !== context) return `command "${target.id}" runs in ${CONTEXT_TITLES[target.context]}: give the action "context": "${target.context}"`;
    return { kind, command: target.id };
  }
  if (kind === 'macro') {
    if (typeof value !== 'string' || !/^\/?[a-z0-9][a-z0-9-]{0,31}$/.test(value)) return 'macro must be a macro shortcut, such as "pay-balance"';
    if (context !== 'conversation') return 'a macro goes into a conversation’s reply: give the action "context": "conversation"';
    return { kind, shortcut: value.replace(/^\//, '') };
  }
  if (kind === 'shell') {
    if (typeof value !== 'string' || value.trim() === '') return 'shell must be a command line';
    return { kind, command: value };
  }
  if (!isObject(value)) return 'api must be {"method": "POST", "path": "/v1/…", "body": {…}}';
  const method = typeof value['method'] === 'string' ? value['method'].toUpperCase() : 'GET';
  if (!(API_METHODS as readonly string[]).includes(method)) return `api.method must be one of ${API_METHODS.join(', ')}`;
  if (typeof value['path'] !== 'string' || !value['path'].startsWith('/v1/')) return 'api.path must be a path of the Support API, starting with /v1/';
  if (value['body'] !== undefined && !isObject(value['body'])) return 'api.body must be an object';
  return { kind, method: method as ApiMethod, path: value['path'], ...(value['body'] !== undefined ? { body: value['body'] } : {}) };
}

function defaultTitle(run: ActionRun, commands: readonly CommandSpec[]): string {
  if (run.kind === 'command') return commands.find((c) => c.id === run.command)?.title ?? run.command;
  if (run.kind === 'macro') return `Macro /${run.shortcut}`;
  if (run.kind === 'api') return `${run.method} ${run.path}`;
  return `Run: ${run.command}`;
}

/** The key is free where the action runs: not taken by a command there or anywhere, nor by another action. */
function keyProblem(key: string, context: Context, commands: readonly CommandSpec[]): string | undefined {
  if (!isValidKeyName(key)) return `"${key}" is not a key name (examples: O, ctrl+o, alt+o)`;
  const reserved = RESERVED_KEYS.get(key);
  if (reserved) return `${key} is taken (${reserved.why})`;
  const clash = commands.find((c) => c.keys.includes(key) && (context === 'global' ? c.context !== 'overlay' && c.context !== 'composer' && c.context !== 'search' : c.context === context || c.context === 'global'));
  return clash ? `${key} already runs "${clash.id}" (${clash.title})${clash.context === context ? '' : ` in ${CONTEXT_TITLES[clash.context]}`}` : undefined;
}

/**
 * The custom actions of the config file that apply to this profile, as commands of the keymap table
 * (id custom.N, with their source) and as what they run. Every bad entry is reported (which, why) and
 * left out, the way keymap entries are; an action never takes a key a command already has.
 */
/**
 * `readOnly`: the session was opened with --read-only (or its profile says so): actions marked
 * dangerous are left out, as k9s hides its dangerous plugins, and say so among the problems.
 */
export function readCustomActions(raw: unknown, profile: string, commands: readonly CommandSpec[], { readOnly = false } = {}): { actions: CustomAction[]; commands: CommandSpec[]; problems: string[] } {
  const actions: CustomAction[] = [];
  const table = [...commands];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { actions, commands: table, problems };
  if (!Array.isArray(raw)) return { actions, commands: table, problems: ['actions must be a list of {key, context, title, and one of command, macro, api, shell}; no actions'] };
  raw.forEach((entry: unknown, index) => {
    const source = `config actions[${index}]`;
    const label = isObject(entry) && typeof entry['key'] === 'string' ? `actions[${index}] (key ${entry['key']})` : `actions[${index}]`;
    const fail = (why: string) => problems.push(`${label}: ${why}; ignored`);
    if (!isObject(entry)) return fail('must be an object with a key and what it runs');
    const extra = Object.keys(entry).find((k) => !ACTION_KEYS.has(k));
    if (extra !== undefined) return fail(`"${extra}" is not an action setting (use ${[...ACTION_KEYS].join(', ')})`);
    const profiles = entry['profiles'];
    if (profiles !== undefined && (!Array.isArray(profiles) || !profiles.every((p) => typeof p === 'string'))) return fail('profiles must be a list of profile names');
    if (profiles !== undefined && !(profiles as string[]).includes(profile)) return;
    const context = (entry['context'] ?? 'global') as Context;
    if (!ACTION_CONTEXTS.includes(context)) return fail(`context must be one of ${ACTION_CONTEXTS.join(', ')}`);
    if (typeof entry['key'] !== 'string') return fail('key must be a key name, such as "O" or "ctrl+o"');
    const keyIssue = keyProblem(entry['key'], context, table);
    if (keyIssue) return fail(keyIssue);
    const run = readRun(entry, context, commands);
    if (typeof run === 'string') return fail(run);
    if (entry['title'] !== undefined && (typeof entry['title'] !== 'string' || entry['title'].trim() === '' || /\p{Cc}/u.test(entry['title']))) return fail('title must be one line of text');
    if (entry['confirm'] !== undefined && (typeof entry['confirm'] !== 'string' || entry['confirm'].trim() === '')) return fail('confirm must be the question to ask, such as "Close #{{conversation.id}}?"');
    if (entry['dangerous'] !== undefined && typeof entry['dangerous'] !== 'boolean') return fail('dangerous must be true or false');
    if (readOnly && isDangerousAction({ dangerous: entry['dangerous'] === true })) {
      problems.push(`${label}: dangerous, hidden in read-only mode`);
      return;
    }
    const templates = [entry['confirm'], run.kind === 'shell' ? run.command : undefined, run.kind === 'api' ? run.path : undefined, ...(run.kind === 'api' ? strings(run.body) : [])].filter((t): t is string => typeof t === 'string');
    const unknownVariable = templates.flatMap(templateVariables).find((v) => !(ACTION_VARIABLES as readonly string[]).includes(v));
    if (unknownVariable !== undefined) return fail(`{{${unknownVariable}}} is not a variable (use ${ACTION_VARIABLES.map((v) => `{{${v}}}`).join(', ')})`);
    const action: CustomAction = {
      id: `custom.${actions.length + 1}`,
      key: entry['key'],
      context,
      // The config is the user's, but a title reaches the terminal: escaped like any text.
      title: sanitize((entry['title'] as string | undefined) ?? defaultTitle(run, commands), { multiline: false }),
      run,
      ...(entry['confirm'] !== undefined ? { confirm: entry['confirm'] as string } : {}),
      dangerous: entry['dangerous'] === true,
      source,
    };
    actions.push(action);
    table.push({ id: action.id, context, keys: [action.key], title: action.title, source, ...(action.dangerous ? { dangerous: true } : {}) });
  });
  return { actions, commands: table, problems };
}
