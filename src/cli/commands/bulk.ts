import type { Command } from 'commander';
import type { BulkOptions } from '../bulk/options.js';
import { ACTIONS, BULK_ACTIONS, type BulkAction } from '../bulk/actions/index.js';
import { BULK_JSON_FIELDS } from '../bulk/outcome-fields.js';
import { requireConfirmationMeans } from '../destructive.js';
import { declareJsonFields } from '../output/output-options.js';
import { oneOf, positiveInt } from '../options.js';
import type { GlobalOptions } from '../session.js';

function helpFor(action: BulkAction): string {
  const spec = ACTIONS[action];
  const width = Math.max(...spec.columns.map((c) => c.name.length)) + 2;
  const columns = spec.columns.map((c) => `  ${c.name.padEnd(width)}${c.required ? '' : '(optional) '}${c.help}`).join('\n');
  const jsonl = `{${spec.example[0]!
    .split(',')
    .map((name) => `"${name}": "…"`)
    .join(', ')}}`;
  return [
    '',
    'Columns (CSV header row, or the keys of each JSONL line):',
    columns,
    '',
    `Example file ${action}.csv:`,
    ...spec.example.map((l) => `  ${l}`),
    '',
    `JSONL: one object per line, such as ${jsonl}`,
    '',
    'Examples:',
    `  $ support bulk ${action} --file ${action}.csv --dry-run`,
    `  $ support bulk ${action} --file ${action}.csv --yes --report ${action}-report.csv`,
    `  $ support bulk ${action} --file ${action}.csv --yes --resume          # after a crash or Ctrl+C`,
    '',
    'Every row is checked before anything runs. Each row carries an idempotency key made from the file’s',
    'content and the row: running the same file again, or --resume, never does a row twice (keys are kept',
    'by the server for 24 hours). Exit codes: 0 all rows ok, 3 some rows failed, 1 bad rows or could not',
    'run, 2 usage or a file that cannot be read as rows (broken CSV, a row over 128 KiB), 130 stopped by',
    'Ctrl+C (resume with --resume).',
  ].join('\n');
}

export function registerBulkCommands(program: Command): void {
  const bulk = program
    .command('bulk')
    .description('Admin bulk actions from a CSV or JSONL file: checked first, concurrent, resumable, with a report')
    .addHelpText('after', '\nExamples:\n  $ support bulk freeze --file freeze.csv --dry-run\n  $ support bulk refund --file refunds.jsonl --yes --report outcome.csv');
  for (const action of BULK_ACTIONS) {
    const spec = ACTIONS[action];
    const command = bulk
      .command(action)
      .description(`${spec.verb[0]!.toUpperCase()}${spec.verb.slice(1)} many ${spec.noun[1]}, one per row of a file`)
      .requiredOption('-f, --file <file>', 'CSV with a header row, or JSONL (one object per line); - reads stdin')
      .option('--format <format>', 'csv | jsonl (default: by the file name, else by its first character)', oneOf(['csv', 'jsonl'] as const))
      .option('--dry-run', 'check the file and show what each row would do now; change nothing')
      .option('--skip-invalid', 'run the good rows even when some are bad (the bad ones are reported as skipped)')
      .option('--concurrency <n>', 'rows in flight at once (1-64)', positiveInt(64), 8)
      .option('--resume', 'continue a run that was stopped: rows it finished are not sent again')
      .option('--report <file>', 'write every row’s outcome to FILE (.csv, or .jsonl)')
      .option('--json', 'one JSON result object per row on stdout')
      .option('-y, --yes', 'run without asking (required when not in a terminal)')
      .addHelpText('after', helpFor(action))
      .action(async (options: BulkOptions, command: Command) => {
        if (!options.dryRun) requireConfirmationMeans(options, `bulk ${action}`);
        const { runBulk } = await import('../bulk/command.js');
        await runBulk(action, options, command.optsWithGlobals<GlobalOptions>());
      });
    declareJsonFields(command, BULK_JSON_FIELDS);
  }
}
