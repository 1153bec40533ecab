import { rmSync } from 'node:fs';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

function leaves(command: Command, path: string[] = []): { path: string; command: Command }[] {
  return command.commands.flatMap((c) => {
    const here = [...path, c.name()];
    return c.commands.length ? leaves(c, here) : [{ path: here.join(' '), command: c }];
  });
}

describe('--fields, --jq and --template on every command with --json', () => {
  it('are declared, from one place, by every command of the table that prints JSON', async () => {
    const program = await buildProgram('1.0.0', 'all');
    const withJson = leaves(program).filter(({ command }) => command.options.some((o) => o.long === '--json'));
    expect(withJson.length).toBeGreaterThan(30);
    for (const { path, command } of withJson) {
      const longs = command.options.map((o) => o.long);
      expect(longs, path).toEqual(expect.arrayContaining(['--json', '--fields', '--jq', '--template']));
    }
    // And no command has them without JSON to apply them to.
    for (const { path, command } of leaves(program)) {
      if (command.options.some((o) => o.long === '--jq')) expect(command.options.some((o) => o.long === '--json'), path).toBe(true);
    }
  });
});

describe('choosing and shaping JSON output against a real server', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  const cli = (args: string[]) => runCli(args, { env });

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-cli-output-', server.url, { default: 'agent@example.com' }));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('--json=id,subject keeps only those fields of each item, in the same envelope as bare --json', async () => {
    const whole = await cli(['queue', '--json', '-L', '3']);
    const picked = await cli(['queue', '--json=id,subject', '-L', '3']);
    const alias = await cli(['queue', '--fields', 'id,subject', '-L', '3']);
    expect([whole.code, picked.code, alias.code]).toEqual([0, 0, 0]);
    const full = JSON.parse(whole.stdout) as { data: { id: number; subject: string; status: string }[]; nextCursor: string | null };
    expect(full.data[0]!.status).toBeDefined();
    expect(JSON.parse(picked.stdout)).toEqual({ data: full.data.map(({ id, subject }) => ({ id, subject })), nextCursor: full.nextCursor });
    expect(alias.stdout).toBe(picked.stdout);
  });

  it('a number after --json is still the conversation id, and a one-key answer is selected inside', async () => {
    const { data } = JSON.parse((await cli(['queue', '--json', '-L', '1'])).stdout) as { data: { id: number }[] };
    const id = String(data[0]!.id);
    const shown = await cli(['conversation', 'show', '--json', id]);
    expect(shown.code).toBe(0);
    expect((JSON.parse(shown.stdout) as { conversation: { id: number } }).conversation.id).toBe(data[0]!.id);
    const agents = await cli(['availability', '--json=email,role']);
    expect(agents.code).toBe(0);
    expect(JSON.parse(agents.stdout)).toEqual({ agent: { email: 'agent@example.com', role: 'agent' } });
  });

  it('--jq filters in-process: strings as text, other values as compact JSON', async () => {
    const full = JSON.parse((await cli(['queue', '--json', '-L', '4'])).stdout) as { data: { id: number; subject: string }[] };
    const ids = await cli(['queue', '-L', '4', '--jq', '.data[].id']);
    expect([ids.code, ids.stdout]).toEqual([0, full.data.map((c) => `${c.id}\n`).join('')]);
    const tsv = await cli(['queue', '-L', '4', '--jq', '.data[] | [.id, .subject] | @tsv']);
    expect(tsv.stdout).toBe(full.data.map((c) => `${c.id}\t${c.subject}\n`).join(''));
    const objects = await cli(['queue', '-L', '2', '--fields', 'id', '--jq', '.data[]']);
    expect(objects.stdout).toBe(full.data.slice(0, 2).map((c) => `{"id":${c.id}}\n`).join(''));
  });

  it('--template formats with Liquid: aligned rows, helpers, the answer’s fields as variables', async () => {
    const full = JSON.parse((await cli(['queue', '--json', '-L', '3'])).stdout) as { data: { id: number; subject: string; priority: string }[] };
    const result = await cli(['queue', '-L', '3', '--template', '{% for c in data %}{{ c.id | row: c.priority, c.subject }}{% endfor %}{{ data | size }} shown']);
    expect(result.code).toBe(0);
    const idWidth = Math.max(...full.data.map((c) => String(c.id).length));
    const priWidth = Math.max(...full.data.map((c) => c.priority.length));
    const rows = full.data.map((c) => `${String(c.id).padEnd(idWidth)}  ${c.priority.padEnd(priWidth)}  ${c.subject}`);
    expect(result.stdout).toBe(`${[...rows, '3 shown'].join('\n')}\n`);
  });

  it('gh’s `--json id,subject` is answered with how to write it here', async () => {
    for (const args of [['queue', '--json', 'id,subject'], ['conversation', 'show', '--json', 'id,subject']]) {
      const result = await cli(args);
      expect([result.code, result.stdout]).toEqual([2, '']);
      expect(result.stderr).toContain("to choose fields, write --json=id,subject (or --fields id,subject): a word after --json is the command's own argument\n");
    }
  });

  it('a wrong field, expression or template is a usage error naming it, with nothing on stdout', async () => {
    const cases: [string[], string][] = [
      [['queue', '--json=id,nope'], 'error: --fields: no field "nope" here; the fields are: id, subject,'],
      [['queue', '--fields', 'id,,subject'], 'error: --fields: an empty name is not a field name'],
      [['queue', '--jq', '.data[] | nosuch(1)'], 'error: --jq: nosuch/1 is not defined at line 1, column 11'],
      [['queue', '--jq', '.data[0].subject + 1'], 'error: --jq: string ('],
      [['queue', '--template', '{{ c | nofilter }}'], 'error: --template: undefined filter: nofilter'],
      [['queue', '--template', '{{ nothere }}'], 'error: --template: undefined variable: nothere'],
      [['queue', '--jq', '.', '--template', 'x'], "error: option '--template <text>' cannot be used with option '--jq <expression>'"],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args);
      expect([result.code, result.stdout], args.join(' ')).toEqual([2, '']);
      expect(result.stderr, args.join(' ')).toContain(message);
    }
  });

  it('an expression that does not compile is refused before anything is sent: a claim is not made', async () => {
    const before = (JSON.parse((await cli(['queue', '--json', '--mine'])).stdout) as { data: unknown[] }).data.length;
    const refused = await cli(['claim', '--jq', '.conversation | (']);
    expect([refused.code, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toContain('error: --jq: syntax error');
    const badTemplate = await cli(['claim', '--template', '{% if %}']);
    expect(badTemplate.code).toBe(2);
    expect((JSON.parse((await cli(['queue', '--json', '--mine'])).stdout) as { data: unknown[] }).data).toHaveLength(before);
  });

  it('an expression that fails only on the answer of a change says that the change was made', async () => {
    const before = (JSON.parse((await cli(['queue', '--json', '--mine'])).stdout) as { data: unknown[] }).data.length;
    const result = await cli(['claim', '--jq', '.conversation.subject + 1']);
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toMatch(/^error: --jq: string \(.*\nthe change itself was made: only printing its answer failed \(bare --json prints all of it\)\n$/s);
    expect((JSON.parse((await cli(['queue', '--json', '--mine'])).stdout) as { data: unknown[] }).data).toHaveLength(before + 1);
  });
});
