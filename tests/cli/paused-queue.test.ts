import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slaPausedText } from '../../src/api/text/durations.js';
import { pausedConversation } from '../helpers/closed-desk.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('support queue with a paused business-time clock', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, settings: { sweepIntervalMs: 0 } });
    ({ home, env } = await cliHome('support-paused-', server.url, { default: 'agent@example.com' }));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('says "paused until" in the DUE column, as conversation show does, and the JSON keeps the instants', async () => {
    const { conversation, resumes } = await pausedConversation(server, await server.login('admin@example.com'), 'paused clock in the table');
    const table = await runCli(['queue', '--search', 'paused clock in the table'], { env });
    expect([table.code, table.stderr]).toEqual([0, '']);
    const row = table.stdout.split('\n').find((l) => l.includes('paused clock in the table'))!;
    const words = slaPausedText(conversation, Date.now())!;
    expect(words).toMatch(/^paused until /);
    expect(row).toMatch(new RegExp(`^\\s*${conversation.id}\\s+◷ ${words}\\s`));
    expect(table.stdout).not.toContain('‖');
    const shown = await runCli(['conversation', 'show', String(conversation.id)], { env });
    expect(shown.stdout).toContain(`◷ SLA ${words}, due in `);
    const json = JSON.parse((await runCli(['queue', '--search', 'paused clock in the table', '--json'], { env })).stdout) as { data: { sla: { pauses: { until: string }[] } }[] };
    expect(json.data[0]!.sla.pauses[0]!.until).toBe(new Date(resumes).toISOString());
  });
});
