#!/usr/bin/env node
// Launcher: check the Node version, cache compiled code between runs (Node >= 22.1), then load the
// bundled CLI. Nothing that needs a newer Node is imported before the check.
import module from 'node:module';
import { nodeVersionProblem } from './node-check.js';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}

module.enableCompileCache?.();
try {
  await import('../dist/cli.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write('support is not built: run `npm install` (or `npm run build`) in its folder.\n');
    process.exit(1);
  }
  throw error;
}
