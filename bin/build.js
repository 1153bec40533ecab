#!/usr/bin/env node
// Bundles the CLI into dist/. The TUI and the server are reached only through import(), so esbuild
// splits them into chunks that `support --version` and scripted calls never load.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Options shared with the benchmark, which builds its Ink hello-world the same way. */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  splitting: true,
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Optional peers that are never used in production: pg's native binding and React devtools.
  external: ['pg-native', 'react-devtools-core'],
  // Bundled CommonJS packages call require() for Node built-ins; ESM has no require of its own.
  banner: {
    js: "import { createRequire as __supportCreateRequire } from 'node:module'; const require = __supportCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

export async function buildCli() {
  await build({
    ...bundleOptions,
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    define: { ...bundleOptions.define, SUPPORT_VERSION: JSON.stringify(pkg.version) },
    metafile: false,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli();
}
