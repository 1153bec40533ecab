import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIORITIES } from '../../src/api/enums.js';
import type { ConversationSummary } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('support queue --view', () => {
  let server: TestServer;
  let client: SupportClient;
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    client = await server.login();
    ({ home, env } = await cliHome('support-views-', server.url, { default: 'agent@example.com', night: 'lead@example.com' }));
    const path = join(env['SUPPORT_CONFIG_DIR']!, 'config.json');
    const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    config['views'] = [
      { name: 'urgent chat', filters: { channel: 'chat', status: 'open' }, columns: ['id', 'priority', 'customer'], sort: 'priority' },
      { name: 'night', filters: { unassigned: true }, profiles: ['night'] },
      { name: 'broken', filters: { priority: 'asap' } },
    ];
    writeFileSync(path, JSON.stringify(config), { mode: 0o600 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('lists with the view’s filters, in its sort, with its columns in its order', async () => {
    // The server's order (due first), then most urgent first: a stable sort keeps the due order within a priority.
    const expected = (await client.queue.listAll({ channel: 'chat', status: 'open' })).sort((a, b) => PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority));
    expect(new Set(expected.map((c) => c.priority)).size).toBeGreaterThan(1);
    const json = await runCli(['queue', '--view', 'urgent chat', '--json', '--limit', '10000'], { env });
    expect([json.code, json.stderr]).toEqual([0, '']);
    expect((JSON.parse(json.stdout) as { data: ConversationSummary[] }).data.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    const table = await runCli(['queue', '--view', 'urgent chat', '--limit', '10000'], { env });
    // Without a terminal: one tab-separated row per conversation, the view's columns only.
    const rows = table.stdout.trim().split('\n').map((l) => l.split('\t'));
    expect(rows.map((r) => r.slice(0, 2))).toEqual(expected.map((c) => [String(c.id), c.priority]));
    expect(rows.every((r) => r.length === 3)).toBe(true);
    // A flag given on the command line wins over the view's filter.
    const pending = await runCli(['queue', '--view', 'urgent chat', '--status', 'pending', '--json'], { env });
    expect((JSON.parse(pending.stdout) as { data: ConversationSummary[] }).data.every((c) => c.status === 'pending' && c.channel === 'chat')).toBe(true);
  });

  it('knows a view only in the profiles it names', async () => {
    const other = await runCli(['queue', '--view', 'night', '--json'], { env });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('no view "night": the views are "urgent chat"');
    const night = await runCli(['--profile', 'night', 'queue', '--view', 'night', '--json'], { env });
    expect([night.code, night.stderr]).toEqual([0, '']);
    expect((JSON.parse(night.stdout) as { data: ConversationSummary[] }).data.every((c) => c.assignee === null)).toBe(true);
  });

  it('refuses a bad view as a usage error that names the problem, before any request (even logged out)', async () => {
    const bad = await runCli(['queue', '--view', 'broken'], { env: { ...env, SUPPORT_API_URL: 'http://127.0.0.1:9', SUPPORT_TOKEN: 'x' } });
    expect([bad.code, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toContain('views "broken": filters.priority must be one of urgent, high, normal, low');
  });
});
