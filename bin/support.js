#!/usr/bin/env node
// Launcher: cache compiled code between runs (Node >= 22.1), then load the bundled CLI.
import module from 'node:module';

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
