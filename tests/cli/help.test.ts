import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { allCommands, exampleArgs, exampleCommandPath, fullHelp } from '../helpers/help-examples.js';
import { runCli } from '../helpers/run-cli.js';

describe('help', () => {
  it('every command’s --help, groups and leaves, shows at least one real example of that command', async () => {
    const program = await buildProgram('1.0.0', 'all');
    const commands = allCommands(program);
    expect(commands.length).toBeGreaterThan(60);
    for (const { path, command } of commands) {
      const help = fullHelp(command);
      expect(help, path).toMatch(/\nExamples?:\n/);
      const examples = exampleArgs(help).filter((args) => `${exampleCommandPath(args)} `.startsWith(`${path} `));
      expect(examples.length, `${path}: an example that runs it`).toBeGreaterThan(0);
    }
  });

  it.each(['environment', 'exit-codes', 'formatting'])('support help %s prints the topic, with examples', async (topic) => {
    const result = await runCli(['help', topic]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/\nExamples:\n {2}\$ /);
  });

  it('support --help names the topics', async () => {
    const result = await runCli(['--help']);
    expect(result.stdout).toContain('Help topics: support help environment, support help exit-codes, support help formatting.');
  });
});
