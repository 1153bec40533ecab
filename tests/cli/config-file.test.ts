import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfigFile } from '../../src/cli/config/config-file.js';
import { runCli } from '../helpers/run-cli.js';

describe('config.json read without conf', () => {
  let dir: string;
  const saved = process.env['SUPPORT_CONFIG_DIR'];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'support-config-file-'));
    process.env['SUPPORT_CONFIG_DIR'] = dir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['SUPPORT_CONFIG_DIR'];
    else process.env['SUPPORT_CONFIG_DIR'] = saved;
  });
  const write = (text: string) => writeFileSync(join(dir, 'config.json'), text);

  it('reads a file that holds both keys conf fills in, a byte order mark skipped as conf does', () => {
    const data = { currentProfile: 'night', profiles: { night: { apiUrl: 'http://desk', token: 't' } }, theme: 'dark' };
    write(`\uFEFF${JSON.stringify(data)}`);
    expect(readConfigFile()).toEqual(data);
  });

  it('leaves to conf a file that is missing, unparsable, or without one of its defaults', () => {
    expect(readConfigFile()).toBeUndefined();
    for (const text of ['{"currentProfile":"default"', '{"profiles":{}}', '{"currentProfile":"default","profiles":[]}', '[]']) {
      write(text);
      expect(readConfigFile(), text).toBeUndefined();
    }
  });

  it('a first command on a new machine still has conf write the defaults, mode 0600', async () => {
    const result = await runCli(['queue', '--json'], { env: { SUPPORT_CONFIG_DIR: dir } });
    expect(result.code).toBe(4);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({ currentProfile: 'default', profiles: {} });
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
  });
});
