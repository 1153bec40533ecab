import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskSnapshot } from '../../src/api/types.js';
import { displayWidth } from '../../src/api/text/width.js';
import { ESC } from '../helpers/ansi.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('support desk', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-desk-', server.url, { default: 'lead@example.com', agent: 'agent@example.com' }));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('--json prints the snapshot of GET /v1/desk and nothing else', async () => {
    const result = await runCli(['desk', '--json', '--tz', 'Asia/Jakarta'], { env });
    expect([result.code, result.stderr]).toEqual([0, '']);
    const board = JSON.parse(result.stdout) as DeskSnapshot;
    expect(board.today.timeZone).toBe('Asia/Jakarta');
    expect(board.agents.map((a) => a.name)).toContain('Budi Hartono');
    expect(board.volume.incoming).toHaveLength(48);
  });

  it('prints the board as text within 80 columns, labelled, without colour', async () => {
    const result = await runCli(['desk'], { env: { ...env, NO_COLOR: '1', COLUMNS: '80' } });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(ESC);
    for (const line of result.stdout.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    for (const text of ['REPLIES/H', 'Queue:', 'SLA now', '! at risk', '✗ breached', 'attained', 'reopen rate', 'Last 12 hours per 15 minutes', 'incoming', 'Refunds waiting for approval']) {
      expect(result.stdout).toContain(text);
    }
  });

  it('refuses an agent with exit 4 and a bad time zone with exit 1, saying why', async () => {
    const agent = await runCli(['--profile', 'agent', 'desk', '--json'], { env });
    expect(agent.code).toBe(4);
    expect(agent.stdout).toBe('');
    expect(agent.stderr).toMatch(/role/i);
    const zone = await runCli(['desk', '--tz', 'Mars/Olympus'], { env });
    expect(zone.code).not.toBe(0);
    expect(zone.stderr).toContain('Mars/Olympus');
  });
});
