import { rmSync } from 'node:fs';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_EFFECTS } from '../../src/cli/command-effects.js';
import { buildProgram } from '../../src/cli/program.js';
import { changeAnswerFields, CHANGE_ANSWERS } from '../../src/cli/output/change-answers.js';
import { MoneyFixtures } from '../helpers/money.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';

function leaves(command: Command, path: string[] = []): { path: string; command: Command }[] {
  return command.commands.flatMap((c) => {
    const here = [...path, c.name()];
    return c.commands.length ? leaves(c, here) : [{ path: here.join(' '), command: c }];
  });
}

/** The records --fields picks from, by the rule of select-fields.ts. */
function recordKeys(answer: unknown): string[] {
  const value = answer as Record<string, unknown>;
  if (Array.isArray(value['data'])) return [...new Set((value['data'] as Record<string, unknown>[]).flatMap((r) => Object.keys(r)))];
  const keys = Object.keys(value);
  const only = keys.length === 1 ? value[keys[0]!] : undefined;
  return typeof only === 'object' && only !== null && !Array.isArray(only) ? Object.keys(only) : keys;
}

describe('the answers of changes, known before the change', () => {
  it('every command that can change the desk and prints JSON has its answer shape, and only those', async () => {
    const program = await buildProgram('1.0.0', 'all');
    const changing = leaves(program)
      .filter(({ path, command }) => !path.startsWith('bulk ') && COMMAND_EFFECTS[path] !== 'reads' && COMMAND_EFFECTS[path] !== 'local' && command.options.some((o) => o.long === '--json'))
      .map(({ path }) => path)
      .sort();
    expect(Object.keys(CHANGE_ANSWERS).sort()).toEqual(changing);
  });
});

describe(`--fields on a command that changes the desk (${ENGINE})`, () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let fx: MoneyFixtures;
  const cli = (args: string[]) => runCli(args, { env });
  const asLead = (args: string[]) => runCli([...args, '--profile', 'lead'], { env });
  const asAdmin = (args: string[]) => runCli([...args, '--profile', 'admin'], { env });

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-cli-change-answers-', server.url, { default: 'agent@example.com', lead: 'lead@example.com', admin: 'admin@example.com' }));
    fx = new MoneyFixtures(server, await server.login('admin@example.com'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  const mine = async () => (JSON.parse((await cli(['queue', '--json', '--mine'])).stdout) as { data: { id: number }[] }).data.length;
  const messages = async (id: number) => (JSON.parse((await cli(['conversation', 'show', String(id), '--json'])).stdout) as { messages: unknown[] }).messages.length;

  it('a wrong field is a usage error before the change: no claim is made, no note written, no account frozen', async () => {
    const before = await mine();
    const claim = await cli(['claim', '--json=id,nope']);
    expect([claim.code, claim.stdout]).toEqual([2, '']);
    expect(claim.stderr).toMatch(/^error: --fields: no field "nope" here; the fields are: id, subject, .*\n$/);
    expect(claim.stderr).not.toContain('the change itself was made');
    expect(await mine()).toBe(before);

    const claimed = JSON.parse((await cli(['claim', '--json'])).stdout) as { conversation: { id: number } };
    const id = claimed.conversation.id;
    const count = await messages(id);
    const note = await cli(['conversation', 'note', String(id), '-m', 'checked the ledger', '--fields', 'message,bogus']);
    expect([note.code, note.stdout]).toEqual([2, '']);
    expect(note.stderr).toContain('error: --fields: no field "bogus" here; the fields are: message, conversation');
    expect(await messages(id)).toBe(count);

    const { id: account } = await fx.account('IDR');
    const freeze = await asLead(['account', 'freeze', account, '--reason', 'fraud_review', '--note', 'x', '--yes', '--fields', 'acount']);
    expect([freeze.code, freeze.stdout]).toEqual([2, '']);
    expect(freeze.stderr).toContain('error: --fields: no field "acount" here; the fields are: account, change');
    expect((JSON.parse((await cli(['account', 'show', account, '--json'])).stdout) as { account: { status: string } }).account.status).toBe('active');

    const incident = await asLead(['incident', 'create', '--title', 'QRIS down', '--description', 'x', '--fields', 'id,titel']);
    expect([incident.code, incident.stdout]).toEqual([2, '']);
    expect(incident.stderr).toContain('no field "titel" here');
    expect(JSON.parse((await cli(['incident', 'list', '--json'])).stdout)).toMatchObject({ data: [] });
  });

  it('a right field prints the change’s answer with only it; a --dry-run keeps its own preview fields', async () => {
    const { id: account } = await fx.account('IDR');
    const preview = await asLead(['account', 'freeze', account, '--reason', 'fraud_review', '--note', 'x', '--dry-run', '--fields', 'allowed,to']);
    expect([preview.code, JSON.parse(preview.stdout)]).toEqual([0, { allowed: true, to: 'frozen' }]);
    const frozen = await asLead(['account', 'freeze', account, '--reason', 'fraud_review', '--note', 'x', '--yes', '--fields', 'change']);
    expect(frozen.code).toBe(0);
    expect(JSON.parse(frozen.stdout)).toEqual({ change: expect.objectContaining({ from: 'active', to: 'frozen' }) });
  });

  it('the declared shapes are what the commands print: each answer’s fields are among them', async () => {
    const claimed = JSON.parse((await cli(['claim', '--json'])).stdout) as { conversation: { id: number } };
    const id = String(claimed.conversation.id);
    const { id: account } = await fx.account('IDR');
    const runs: [string, string[], (args: string[]) => ReturnType<typeof cli>][] = [
      ['conversation note', ['conversation', 'note', id, '-m', 'x'], cli],
      ['conversation reply', ['conversation', 'reply', id, '-m', 'Hello'], cli],
      ['conversation tag', ['conversation', 'tag', id, 'vip'], cli],
      ['conversation pending', ['conversation', 'pending', id], cli],
      ['conversation reopen', ['conversation', 'reopen', id], cli],
      ['conversation resolve', ['conversation', 'resolve', id], cli],
      ['complaint create', ['complaint', 'create', id, '--summary', 'Agent was rude'], cli],
      ['incident create', ['incident', 'create', '--title', 'Top-ups slow', '--description', 'y'], asLead],
      ['account freeze', ['account', 'freeze', account, '--reason', 'fraud_review', '--note', 'x', '--yes'], asLead],
      ['calendar create', ['calendar', 'create', 'manila', '--zone', 'Asia/Manila', '--hours', 'mon-fri 09:00-18:00'], asAdmin],
      ['announcement create', ['announcement', 'create', '--title', 'BCA', '--unavailable', 'top-ups', '--from', '2030-01-01T01:00:00Z', '--to', '2030-01-01T03:00:00Z', '--text', 'en=Top-ups pause'], asLead],
    ];
    for (const [path, args, run] of runs) {
      const result = await run([...args, '--json']);
      expect([result.code, result.stderr], path).toEqual([0, '']);
      const declared = changeAnswerFields(path, {})!;
      expect(declared, path).toEqual(expect.arrayContaining(recordKeys(JSON.parse(result.stdout))));
    }
  });
});
