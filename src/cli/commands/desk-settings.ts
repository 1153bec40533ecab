import { InvalidArgumentError, type Command } from 'commander';
import { CATEGORIES, type Category } from '../../api/enums.js';
import type { PatchDeskSettingsRequest } from '../../api/types.js';
import { commandPath } from '../command-effects.js';
import { completes } from '../completion/hints.js';
import { usageError } from '../output/cli-error.js';
import { categoryList, fraction } from '../options.js';
import type { GlobalOptions } from '../session.js';

/**
 * "default" hands a setting back to the server's start flag (null in PATCH /v1/desk/settings). Kept
 * as the word until the action: commander stores a parser's null as an empty string.
 */
const DEFAULT = 'default';
type OrDefault<T> = T | typeof DEFAULT;
const orNull = <T>(value: OrDefault<T>): T | null => (value === DEFAULT ? null : value);

const onOff = completes({ values: ['on', 'off', DEFAULT] }, (value: string): OrDefault<boolean> => {
  if (value === DEFAULT) return DEFAULT;
  if (value !== 'on' && value !== 'off') throw new InvalidArgumentError(`must be on, off or ${DEFAULT}.`);
  return value === 'on';
});
const threshold = (value: string): OrDefault<number> => (value === DEFAULT ? DEFAULT : fraction(value));
const categories = completes({ values: CATEGORIES, list: true }, (value: string): OrDefault<Category[]> => (value === DEFAULT ? DEFAULT : categoryList(value)));

interface SetOptions {
  autoTriage?: OrDefault<boolean>;
  autoAnswer?: OrDefault<boolean>;
  autoAnswerThreshold?: OrDefault<number>;
  autoAnswerCategories?: OrDefault<Category[]>;
  json?: boolean;
}

const PRECEDENCE = [
  'What the desk sets wins over the server’s --auto-* start flags, which apply to what it has not',
  'set ("server default"; `default` returns a setting to it). A change applies from the next inbound',
  'conversation, on every server instance, without a restart.',
].join('\n');

const OUTPUT_OPTIONS = ['json', 'fields', 'jq', 'template'] as const;

/**
 * Commander reads a parent's options wherever they are typed (the program's --profile works after
 * any command), so in `desk settings --json` the board takes --json before `settings` is reached.
 * Handed on here to the command that runs, before it parses its own; the board's other options
 * (--watch, --tz) mean nothing to the settings and are refused.
 */
function handOnOutputOptions(parent: Command): void {
  parent.hook('preSubcommand', (_parent, sub) => {
    for (const option of parent.options) {
      const name = option.attributeName();
      if (parent.getOptionValueSource(name) !== 'cli') continue;
      if (!(OUTPUT_OPTIONS as readonly string[]).includes(name)) throw usageError(`${option.long ?? option.flags} is an option of the board (\`support ${commandPath(parent)}\`), not of \`${sub.name()}\``);
      sub.setOptionValueWithSource(name, parent.getOptionValue(name), 'cli');
    }
  });
}

/** `desk settings` and `desk settings set`: the desk's automation (automatic triage and answers), added to the desk noun. */
export function registerDeskSettingsCommands(program: Command): void {
  const desk = program.commands.find((c) => c.name() === 'desk');
  if (!desk) throw new Error('register the desk noun before its settings');
  handOnOutputOptions(desk);

  const settings = desk
    .command('settings')
    .description('The desk’s automation: automatic triage and automatic answers, and where each value comes from')
    .option('--json', 'print the settings as JSON (GET /v1/desk/settings)')
    .addHelpText('after', `\nSupervisors and admins read them; admins change them with \`support desk settings set\`.\n${PRECEDENCE}\n\nExamples:\n  $ support desk settings\n  $ support desk settings --json | jq .settings.autoAnswer`)
    .action(async (options: { json?: boolean }, command: Command) => {
      const { authenticatedClient } = await import('../session.js');
      const current = await authenticatedClient(command.optsWithGlobals<GlobalOptions>()).desk.settings();
      const { printJson, print } = await import('../output/terminal.js');
      if (options.json) return printJson(current);
      const { deskSettingsText } = await import('../views/desk-settings-view.js');
      print(deskSettingsText(current));
    });

  handOnOutputOptions(settings);

  settings
    .command('set')
    .description('Turn automatic triage and answers on or off, set the threshold and categories (admins)')
    .option('--auto-triage <state>', `on | off | ${DEFAULT}: new conversations get the category and priority their first message points to`, onOff)
    .option('--auto-answer <state>', `on | off | ${DEFAULT}: a confident macro of an allowed category answers a new conversation at once`, onOff)
    .option('--auto-answer-threshold <score>', `the lowest top-suggestion score (0-1) answered automatically, or ${DEFAULT}`, threshold)
    .option('--auto-answer-categories <list>', `categories answered automatically, comma-separated, or ${DEFAULT}`, categories)
    .option('--json', 'print the settings after the change as JSON')
    .addHelpText(
      'after',
      `\nAdmins only. Audited, and announced to open workspaces and boards as a live event.\n${PRECEDENCE}\n\nExamples:\n  $ support desk settings set --auto-answer on --auto-answer-threshold 0.7\n  $ support desk settings set --auto-triage on --auto-answer-categories refund,payment_failed\n  $ support desk settings set --auto-answer default --json`,
    )
    .action(async (options: SetOptions, command: Command) => {
      const patch: PatchDeskSettingsRequest = {};
      if (options.autoTriage !== undefined) patch.autoTriage = orNull(options.autoTriage);
      if (options.autoAnswer !== undefined) patch.autoAnswer = orNull(options.autoAnswer);
      if (options.autoAnswerThreshold !== undefined) patch.autoAnswerThreshold = orNull(options.autoAnswerThreshold);
      if (options.autoAnswerCategories !== undefined) patch.autoAnswerCategories = orNull(options.autoAnswerCategories);
      if (Object.keys(patch).length === 0) throw usageError('say what to change: --auto-triage, --auto-answer, --auto-answer-threshold and/or --auto-answer-categories');
      const { authenticatedClient } = await import('../session.js');
      const after = await authenticatedClient(command.optsWithGlobals<GlobalOptions>()).desk.updateSettings(patch);
      const { printJson, print, note } = await import('../output/terminal.js');
      if (options.json) return printJson(after);
      note('✓ desk settings changed');
      const { deskSettingsText } = await import('../views/desk-settings-view.js');
      print(deskSettingsText(after));
    });
}
