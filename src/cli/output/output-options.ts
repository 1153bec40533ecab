import { Option, type Command } from 'commander';
import { commandPath, effectOf } from '../command-effects.js';
import { usageError } from './cli-error.js';
import { setOutputFormat } from './output-format.js';
import { parseFieldList } from './select-fields.js';

interface OutputOptionValues {
  json?: boolean;
  fields?: string;
  jq?: string;
  template?: string;
}

/** Commands whose JSON records have fields known before the run (bulk's outcome lines), checked up front. */
const knownFields = new WeakMap<Command, readonly string[]>();

export function declareJsonFields(command: Command, fields: readonly string[]): void {
  knownFields.set(command, fields);
}

const hasJson = (command: Command) => command.options.some((o) => o.long === '--json');

/**
 * Every command with --json gets --fields, --jq and --template here, in one place, so that a new
 * command has them by declaring --json; the checks run before its action (and so before any request).
 */
export function addOutputOptions(program: Command): void {
  const visit = (command: Command) => {
    if (hasJson(command)) {
      command
        .addOption(new Option('--fields <list>', 'print only these fields of each record as JSON (also --json=LIST): see `support help formatting`'))
        .addOption(new Option('--jq <expression>', 'filter the JSON with a jq expression (strings print as text)'))
        .addOption(new Option('--template <text>', 'format the JSON with a Liquid template: see `support help formatting`').conflicts('jq'));
    }
    command.commands.forEach(visit);
  };
  program.commands.forEach(visit);
  program.hook('preAction', async (_program, action) => {
    if (hasJson(action)) await prepareOutput(action);
  });
}

async function prepareOutput(command: Command): Promise<void> {
  const options = command.opts<OutputOptionValues>();
  if (options.fields === undefined && options.jq === undefined && options.template === undefined) return;
  const fields = options.fields === undefined ? undefined : parseFieldList(options.fields);
  const changes = effectOf(command) === 'changes' && !command.opts<{ dryRun?: boolean }>().dryRun;
  // A command that changes the desk has its answer's fields checked now: after the change, a typo
  // in --fields would report an error for something that was done.
  const declared = knownFields.get(command) ?? (fields && changes ? await changeAnswerFields(command) : undefined);
  const unknown = declared && fields?.filter((f) => !declared.includes(f));
  if (unknown?.length) throw usageError(`--fields: no field ${unknown.map((f) => `"${f}"`).join(', ')} here; the fields are: ${declared!.join(', ')}`);
  let render: ((value: unknown) => string) | undefined;
  // The engines load only when asked for: a plain --json never pays for them.
  if (options.jq !== undefined) render = await (await import('./jq-filter.js')).compileJq(options.jq);
  if (options.template !== undefined) render = (await import('./template-format.js')).compileTemplate(options.template);
  setOutputFormat({ ...(fields ? { fields, fieldsChecked: declared !== undefined } : {}), ...(render ? { render } : {}), ...(changes ? { afterChange: true } : {}) });
  // --fields, --jq and --template each ask for JSON: the command takes its --json path.
  command.setOptionValue('json', true);
}

async function changeAnswerFields(command: Command): Promise<string[] | undefined> {
  // Loaded only for --fields on a change: the schemas it reads are not on any other command's path.
  const { changeAnswerFields } = await import('./change-answers.js');
  return changeAnswerFields(commandPath(command), command.opts());
}

/** `--json=id,subject` is gh's spelling of a field list; written with `=` it cannot be taken for an argument. */
export function expandJsonFieldList(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  const expanded = options.flatMap((arg) => (arg.startsWith('--json=') ? ['--json', '--fields', arg.slice('--json='.length)] : [arg]));
  return end === -1 ? expanded : [...expanded, ...argv.slice(end)];
}
