import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * What a one-shot command loads of Node itself is start-up time (the budget: `support queue --json`
 * within 3 × `node -e 0`). The build keeps some built-ins off that path (bin/build.js): got's request
 * ids without node:crypto, got's body checks without the web streams implementation. This runs the
 * built CLI with a preload that reports, at exit, the built-in modules the process loaded. node:zlib
 * (a lazy built-in there) is loaded only for a compressed answer, which a real gzipping proxy proves
 * still decodes.
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

  it('support queue --json loads neither node:crypto, the web streams implementation nor node:zlib', async () => {
    const result = await runCli(['queue', '--json'], { env: { ...env, NODE_OPTIONS: `--import=${pathToFileURL(report).href}` } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ data: expect.any(Array) });
    const loaded = JSON.parse(/\nLOADED (.*)\n/.exec(result.stderr)![1]!) as string[];
    expect(loaded.length).toBeGreaterThan(50);
    expect(loaded.filter((m) => /webstreams|^NativeModule crypto$|internal\/crypto\/|^NativeModule zlib$/.test(m))).toEqual([]);
  });

  it('a gzip-compressed answer (through a compressing proxy) still decodes, loading node:zlib then', async () => {
    // Forwards to the server and compresses every answer, as a proxy in front of the API may.
    const proxy: Server = createServer((incoming, outgoing) => {
      const { port } = new URL(server.url);
      const forward = request({ host: '127.0.0.1', port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
        const headers = { ...answer.headers, 'content-encoding': 'gzip' };
        delete headers['content-length'];
        outgoing.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(createGzip()).pipe(outgoing);
      });
      incoming.pipe(forward);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxied = await cliHome('support-startup-gzip-', `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, { default: 'agent@example.com' });
    try {
      const direct = await runCli(['queue', '--json', '--fields', 'id,subject'], { env });
      const result = await runCli(['queue', '--json', '--fields', 'id,subject'], { env: { ...proxied.env, NODE_OPTIONS: `--import=${pathToFileURL(report).href}` } });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(JSON.parse(direct.stdout));
      const loaded = JSON.parse(/\nLOADED (.*)\n/.exec(result.stderr)![1]!) as string[];
      expect(loaded).toContain('NativeModule zlib');
    } finally {
      proxy.close();
      rmSync(proxied.home, { recursive: true, force: true });
    }
  });
});
