import { rmSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VolumeReport } from '../../src/api/types.js';
import { seedReportDesk } from '../helpers/report-seed.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** `support report <kind>`: the same figures as the API, as a table, JSON or CSV; bad input is a usage error. */
describe('support report', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  const week = ['--from', '2020-03-02', '--to', '2020-03-08', '--tz', 'Asia/Jakarta'];

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    await seedReportDesk(server.store.db);
    ({ home, env } = await cliHome('support-report-', server.url, { default: 'agent@example.com', lead: 'lead@example.com' }));
    expect((await runCli(['config', 'use', 'lead'], { env })).code).toBe(0);
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('--json prints the API report exactly', async () => {
    const result = await runCli(['report', 'volume', ...week, '--json'], { env });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as VolumeReport;
    expect(report.series.map((s) => s.created)).toEqual([1, 1, 1, 0, 0, 0, 1]);
  });

  it('--csv prints the table with a header, empty days included', async () => {
    const result = await runCli(['report', 'volume', ...week, '--csv'], { env });
    expect(result.code).toBe(0);
    const rows = parse(result.stdout) as string[][];
    expect(rows[0]).toEqual(['day', 'start', 'created', 'resolved']);
    expect(rows.slice(1).map((r) => [r[0], r[2]])).toEqual([
      ['2020-03-02', '1'],
      ['2020-03-03', '1'],
      ['2020-03-04', '1'],
      ['2020-03-05', '0'],
      ['2020-03-06', '0'],
      ['2020-03-07', '0'],
      ['2020-03-08', '1'],
    ]);
    const agents = parse((await runCli(['report', 'agents', ...week, '--csv'], { env })).stdout) as string[][];
    expect(agents[0]!.slice(0, 4)).toEqual(['agent', 'handled', 'replies', 'median_resp']);
    expect(agents.find((r) => r[0] === 'Ayu Lestari')!.slice(1, 3)).toEqual(['2', '3']);
  });

  it('prints the volume heatmap for people, labelled without colour, within 80 columns', async () => {
    const result = await runCli(['report', 'volume', ...week], { env: { ...env, NO_COLOR: '1', COLUMNS: '80' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Volume: 2020-03-02 to 2020-03-08 (Asia/Jakarta), by day');
    expect(result.stdout).toMatch(/^Mon [·░▒▓█]{48}$/m);
    expect(result.stdout).toMatch(/^shades: · 0 {2}░ /m);
    expect(result.stdout).toContain('peaks: ');
    expect(result.stdout).toContain('Mon 08:00 (1)');
    expect(result.stdout.split('\n').every((line) => line.length <= 80)).toBe(true);
  });

  it('refuses bad input before or at the server, with exit 2 or 1 and one line', async () => {
    const kind = await runCli(['report', 'weather'], { env });
    expect(kind.code).toBe(2);
    const date = await runCli(['report', 'sla', '--from', 'March'], { env });
    expect(date.code).toBe(2);
    const both = await runCli(['report', 'sla', '--json', '--csv'], { env });
    expect(both.code).toBe(2);
    const inverted = await runCli(['report', 'sla', '--from', '2020-03-08', '--to', '2020-03-02'], { env });
    expect(inverted.code).toBe(1);
    expect(inverted.stderr).toContain('is after to');
    const team = await runCli(['report', 'sla', ...week, '--team', 'nope'], { env });
    expect(team.code).toBe(1);
    expect(team.stderr).toContain('no team "nope"');
  });

  it('an agent gets their own stats and is refused the desk reports (exit 4)', async () => {
    const own = await runCli(['report', 'agents', ...week, '--json', '--profile', 'default'], { env });
    expect(own.code).toBe(0);
    expect((JSON.parse(own.stdout) as { agents: unknown[] }).agents).toHaveLength(1);
    const refused = await runCli(['report', 'sla', ...week, '--profile', 'default'], { env });
    expect(refused.code).toBe(4);
  });
});
