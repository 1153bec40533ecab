import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * What a one-shot command loads of Node itself is start-up time (the budget: `support queue --json`
 * within 3 × `node -e 0`). The build keeps some built-ins off that path (bin/build.js): got's request
 * ids without node:crypto, got's body checks without the web streams implementation. This runs the
 * built CLI with a preload that reports, at exit, the built-in modules the process loaded.
 */
describe('built-ins a one-shot command loads (the built CLI)', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'support-startup-'));
  const report = join(dir, 'report.mjs');

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-startup-', server.url, { default: 'agent@example.com' }));
    // process.moduleLoadList names every built-in module the process has loaded, internal ones too.
    writeFileSync(report, "import { writeSync } from 'node:fs';\nprocess.on('exit', () => writeSync(2, `\\nLOADED ${JSON.stringify(process.moduleLoadList)}\\n`));\n");
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('support queue --json loads neither node:crypto nor the web streams implementation', async () => {
    const result = await runCli(['queue', '--json'], { env: { ...env, NODE_OPTIONS: `--import=${pathToFileURL(report).href}` } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ data: expect.any(Array) });
    const loaded = JSON.parse(/\nLOADED (.*)\n/.exec(result.stderr)![1]!) as string[];
    expect(loaded.length).toBeGreaterThan(50);
    expect(loaded.filter((m) => /webstreams|^NativeModule crypto$|internal\/crypto\//.test(m))).toEqual([]);
  });
});
