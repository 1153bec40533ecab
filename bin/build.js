#!/usr/bin/env node
// Bundles the CLI into dist/. The TUI and the server are reached only through import(), so esbuild
// splits them into chunks that `support --version` and scripted calls never load.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const requireBuiltin = createRequire(import.meta.url);

/**
 * Node's built-in modules through require(), the costly ones only when first used. An ESM import of a
 * built-in builds a facade that reads every export, which runs lazy getters (`import http` loads undici
 * for http.WebSocket, ~20 ms). And got imports https, tls, http2, dns and crypto at its top although a
 * plain-HTTP call to a local server needs none of them: for those, the stand-in has one accessor per
 * export, read from this Node at build time, that requires the real module on first use and forwards
 * writes to it. (Modules whose exports live on a prototype, such as process and events, are never lazy.)
 */
const LAZY = new Set(['http2', 'https', 'tls', 'dns', 'dns/promises', 'crypto', 'child_process', 'zlib', 'worker_threads', 'perf_hooks', 'readline', 'v8', 'vm', 'dgram', 'inspector', 'cluster']);

/**
 * Built-ins whose exports are read through one getter each, over the real module loaded at once. A
 * bundled import of a built-in copies the property descriptors of all its exports, and reading one of
 * util's (util.diff) loads assert's diff machinery and opens stderr: 10 ms on every command.
 */
const FORWARDED = new Set(['util']);

const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    const names = new Set(builtinModules.filter((n) => !n.startsWith('_')));
    b.onResolve({ filter: /^(node:)?[a-z_/0-9]+$/ }, (args) => {
      // CommonJS dependencies require() built-ins themselves, when they want them.
      if (args.kind !== 'import-statement') return undefined;
      const name = args.path.replace(/^node:/, '');
      return names.has(name) ? { path: name, namespace: 'lazy-builtin' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const id = JSON.stringify(`node:${args.path}`);
      const real = requireBuiltin(`node:${args.path}`);
      if (FORWARDED.has(args.path)) {
        const keys = Reflect.ownKeys(real).filter((k) => typeof k === 'string' && k !== 'default');
        const getters = keys.map((k) => `${JSON.stringify(k)}: { enumerable: true, get: () => real[${JSON.stringify(k)}] }`);
        return { contents: `const real = require(${id});\nmodule.exports = Object.defineProperties({}, { ${getters.join(', ')} });`, loader: 'js' };
      }
      if (!LAZY.has(args.path)) return { contents: `module.exports = require(${id});`, loader: 'js' };
      const accessors = Reflect.ownKeys(real)
        .filter((k) => typeof k === 'string' && k !== 'default')
        .map((k) => {
          const key = JSON.stringify(k);
          const value = Object.getOwnPropertyDescriptor(real, k)?.value;
          // Plain functions (createHash, connect, checkServerIdentity) forward on call, so that merely
          // holding or testing one loads nothing; constants are copied; classes and the rest load.
          if (typeof value === 'function' && /^[a-z]/.test(k)) {
            return `${key}: { enumerable: true, value: function ${k}(...args) { return real()[${key}].apply(this, args); } }`;
          }
          if (k === 'constants' && value && typeof value === 'object') {
            return `${key}: { enumerable: true, value: Object.freeze(${JSON.stringify(value)}) }`;
          }
          return `${key}: { enumerable: true, get: () => real()[${key}], set: (v) => { real()[${key}] = v; } }`;
        });
      return {
        contents: `let m; const real = () => (m ??= require(${id}));\nmodule.exports = Object.defineProperties({}, { ${accessors.join(', ')} });`,
        loader: 'js',
      };
    });
  },
};

/**
 * conf imports ajv (its `schema` option) and semver (its `migrations` option) at the top of its
 * module; support uses neither, and loading them costs ~15 ms on every command that reads the
 * config. Inside conf they are replaced by stand-ins that fail loudly if those options are ever used.
 */
const confWithoutUnusedFeatures = {
  name: 'conf-without-unused-features',
  setup(b) {
    b.onResolve({ filter: /^(ajv\/dist\/2020\.js|ajv-formats|semver)$/ }, (args) =>
      /[\\/]node_modules[\\/]conf[\\/]/.test(args.importer) ? { path: args.path, namespace: 'conf-unused' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'conf-unused' }, (args) => {
      const fail = `() => { throw new Error('conf: ${args.path} is not bundled (support passes no schema or migrations)'); }`;
      return {
        contents:
          args.path === 'ajv/dist/2020.js'
            ? `export const Ajv2020 = ${fail};`
            : `const unused = new Proxy({}, { get: ${fail} }); export default unused;`,
        loader: 'js',
      };
    });
  },
};

/**
 * got imports cacheable-request (and with it keyv, http-cache-semantics, normalize-url) for its `cache`
 * option, which support never sets; got only constructs it when a cache is given. Inside got it is a
 * stand-in that fails loudly if that ever changes.
 */
const gotWithoutCache = {
  name: 'got-without-cache',
  setup(b) {
    b.onResolve({ filter: /^cacheable-request$/ }, (args) =>
      /[\\/]node_modules[\\/]got[\\/]/.test(args.importer) ? { path: args.path, namespace: 'got-unused' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'got-unused' }, () => ({
      contents: [
        "export class CacheError extends Error {}",
        "export default class CacheableRequest { constructor() { throw new Error('got: cacheable-request is not bundled (support sets no cache)'); } }",
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * @sindresorhus/is (got's type checks) builds two Intl.ListFormat objects at the top of its module,
 * for the wording of failed assertions. Building one loads ICU's locale data: some 10 ms of CPU on
 * every command that talks to the server, half of got's load. Here each is built on its first use.
 */
const isWithLazyListFormat = {
  name: 'is-with-lazy-list-format',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]@sindresorhus[\\/]is[\\/]distribution[\\/]index\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      let found = 0;
      const contents = source.replace(/const (andFormatter|orFormatter) = new Intl\.ListFormat\(([^;]*)\);/g, (_, name, options) => {
        found++;
        return `let ${name}Made; const ${name} = { format: (list) => (${name}Made ??= new Intl.ListFormat(${options})).format(list) };`;
      });
      // A new version that builds them differently must be looked at again, not bundled unchanged.
      if (found !== 2) throw new Error(`@sindresorhus/is: expected its two Intl.ListFormat constants, found ${found}`);
      return { contents, loader: 'js' };
    });
  },
};

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * Options shared with the benchmark, which builds its Ink hello-world the same way.
 * @type {import('esbuild').BuildOptions}
 */
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
  // Optional peers that are never used in production: pg's native binding and React devtools. And
  // jq-wasm, which reads its jq.wasm beside its own module: it loads from node_modules, for --jq only.
  external: ['pg-native', 'react-devtools-core', 'jq-wasm'],
  // Bundled CommonJS packages call require() for Node built-ins; ESM has no require of its own.
  banner: {
    js: "import { createRequire as __supportCreateRequire } from 'node:module'; const require = __supportCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
  plugins: [lazyBuiltins, confWithoutUnusedFeatures, gotWithoutCache, isWithLazyListFormat],
};

export async function buildCli() {
  // Chunk names carry content hashes: stale chunks would pile up.
  rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
  await build({
    ...bundleOptions,
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    define: { ...bundleOptions.define, SUPPORT_VERSION: JSON.stringify(pkg.version) },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli();
}
