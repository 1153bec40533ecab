import { describe, expect, it } from 'vitest';
import { commandFilesFor } from '../../src/cli/invoked-noun.js';
import { NOUNS } from '../../src/cli/nouns.js';
import { buildProgram } from '../../src/cli/program.js';

describe('the noun table that lists commands without loading their files', () => {
  it('holds every top-level command as its own file defines it, in order', async () => {
    const full = await buildProgram('1.0.0', 'all');
    const help = full.createHelp();
    const defined = full.commands.map((c) => ({ name: c.name(), alias: c.aliases()[0], term: help.subcommandTerm(c), description: c.description() }));
    expect(NOUNS.map(({ name, alias, term, description }) => ({ name, alias, term, description }))).toEqual(defined);
  });

  it('gives `support --help` the listing of the full program, with no command file loaded', async () => {
    const listing = await buildProgram('1.0.0', commandFilesFor(['--help']));
    expect(listing.commands.every((c) => c.commands.length === 0 && c.options.length === 0)).toBe(true);
    expect(listing.helpInformation()).toBe((await buildProgram('1.0.0', 'all')).helpInformation());
  });

  it('builds each invoked noun whole: its help is the one the full program shows', async () => {
    const full = await buildProgram('1.0.0', 'all');
    for (const noun of NOUNS) {
      for (const typed of [noun.name, noun.alias].filter((n) => n !== undefined)) {
        const program = await buildProgram('1.0.0', commandFilesFor(['--profile', 'x', typed, '--help']));
        const built = program.commands.find((c) => c.name() === noun.name)!;
        const whole = full.commands.find((c) => c.name() === noun.name)!;
        expect(built.helpInformation(), typed).toBe(whole.helpInformation());
        expect(built.commands.map((c) => c.helpInformation()), typed).toEqual(whole.commands.map((c) => c.helpInformation()));
      }
    }
  });
});

describe('reading which noun a command line invokes', () => {
  it.each([
    [['queue', '--json'], ['queue']],
    [['--profile', 'night', 'conv', 'show', '42'], ['conversation']],
    [['--profile=night', 'logout'], ['auth']],
    [['--read-only', 'refund', 'list'], ['refund']],
    [['--no-pager', '--profile', 'x', '--read-only', 'queue'], ['queue']],
    [['help', 'refund'], ['refund']],
    [['help', 'conv', 'show'], ['conversation']],
    [[], []],
    [['--help'], []],
    [['-h'], []],
    [['help'], []],
    [['help', 'frobnicate'], []],
    [['queu'], []],
    [['--profile', 'x'], []],
  ])('%j needs the command files %j', (argv, files) => {
    expect(commandFilesFor(argv)).toEqual(files);
  });

  it.each([[['--bogus', 'queue']], [['-V', 'queue']], [['--help', 'queue']], [['help', '--all']]])('%j, a shape it does not read, loads every file', (argv) => {
    expect(commandFilesFor(argv)).toBe('all');
  });
});
