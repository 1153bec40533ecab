import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskSettings } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('support desk settings', () => {
  let server: TestServer;
  let admin: SupportClient;
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    admin = await server.login('admin@example.com');
    await server.ctx.assist.macrosReady();
    ({ home, env } = await cliHome('support-desk-settings-', server.url, { default: 'admin@example.com', lead: 'lead@example.com', agent: 'agent@example.com' }));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  const auditCount = async () => Number((await server.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const ask = async () => {
    const [customer] = await server.store.db.selectFrom('customers').select('id').where('language', '=', 'en').limit(1).execute();
    return (await admin.conversations.open({ customerId: customer!.id, channel: 'chat', category: 'other', subject: 'question', body: 'How much is the fee when I pay in a foreign currency?' })).conversation;
  };

  it('shows the settings and where each comes from, as text or exactly the API’s JSON (supervisors too)', async () => {
    const json = await runCli(['--profile', 'lead', 'desk', 'settings', '--json'], { env });
    expect([json.code, json.stderr]).toEqual([0, '']);
    expect(JSON.parse(json.stdout)).toEqual(await admin.desk.settings());
    const text = await runCli(['desk', 'settings'], { env: { ...env, NO_COLOR: '1' } });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Automatic triage +off +\(server default\)$/m);
    expect(text.stdout).toMatch(/^Automatic answers +off +\(server default\)$/m);
    expect(text.stdout).toMatch(/^ {2}categories +refund, transfer_delay, international, payment_failed +\(server default\)$/m);
  });

  it('set turns automatic answers on for the next conversation, then off, and --json prints the settings after', async () => {
    const on = await runCli(['desk', 'settings', 'set', '--auto-answer', 'on', '--auto-answer-threshold', '0.5', '--auto-answer-categories', 'international,refund', '--json'], { env });
    expect([on.code, on.stderr]).toEqual([0, '']);
    const after = JSON.parse(on.stdout) as DeskSettings;
    expect(after).toEqual(await admin.desk.settings());
    expect(after.settings).toMatchObject({ autoAnswer: true, autoAnswerThreshold: 0.5, autoAnswerCategories: ['international', 'refund'] });
    expect((await ask()).status).toBe('pending');

    const off = await runCli(['desk', 'settings', 'set', '--auto-answer', 'off', '--auto-triage', 'on'], { env: { ...env, NO_COLOR: '1' } });
    expect(off.code).toBe(0);
    expect(off.stderr).toContain('✓ desk settings changed');
    expect(off.stdout).toMatch(/^Automatic answers +off +\(set by the desk\)$/m);
    expect(off.stdout).toMatch(/^Automatic triage +on +\(set by the desk\)$/m);
    expect((await ask()).status).toBe('open');

    const back = await runCli(['desk', 'settings', 'set', '--auto-triage', 'default', '--json'], { env });
    expect((JSON.parse(back.stdout) as DeskSettings).sources.autoTriage).toBe('server');
  });

  it('refuses bad values with exit 2 before any request, and a supervisor’s or agent’s change with exit 4; nothing changed', async () => {
    const before = await admin.desk.settings();
    const audited = await auditCount();
    const cases: [string[], string][] = [
      [['--auto-triage', 'yes'], "option '--auto-triage <state>' argument 'yes' is invalid. must be on, off or default."],
      [['--auto-answer', 'true'], "option '--auto-answer <state>' argument 'true' is invalid"],
      [['--auto-answer-threshold', '1.5'], 'must be a number from 0 to 1'],
      [['--auto-answer-threshold', 'high'], 'must be a number from 0 to 1'],
      [['--auto-answer-categories', 'refund,kyc'], '(not kyc)'],
      [[], 'say what to change'],
    ];
    // A profile whose server does not answer: a request would end in a connection error, not exit 2.
    const nowhere = { ...env, SUPPORT_API_URL: 'http://127.0.0.1:9' };
    for (const [args, message] of cases) {
      const result = await runCli(['desk', 'settings', 'set', ...args, '--json'], { env: nowhere });
      expect([args, result.code, result.stdout]).toEqual([args, 2, '']);
      expect(result.stderr).toContain(message);
    }
    for (const profile of ['lead', 'agent']) {
      const refused = await runCli(['--profile', profile, 'desk', 'settings', 'set', '--auto-answer', 'on'], { env });
      expect([profile, refused.code, refused.stdout]).toEqual([profile, 4, '']);
      expect(refused.stderr).toMatch(/role|admin/i);
    }
    const agentReads = await runCli(['--profile', 'agent', 'desk', 'settings'], { env });
    expect(agentReads.code).toBe(4);
    expect(await admin.desk.settings()).toEqual(before);
    // Only the two refusals by role, audited as denied by the server.
    expect(await auditCount()).toBe(audited + 2);
  });

  it('leaves the board as it was: `desk --json` is the snapshot, and the board’s options stay the board’s', async () => {
    const board = await runCli(['desk', '--json'], { env });
    expect(board.code).toBe(0);
    expect(Object.keys(JSON.parse(board.stdout) as object)).toContain('queue');
    const misplaced = await runCli(['desk', 'settings', '--tz', 'UTC'], { env });
    expect(misplaced.code).toBe(2);
  });
});
