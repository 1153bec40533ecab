#!/usr/bin/env node
// Bundles the CLI into dist/. The TUI and the server are reached only through import(), so esbuild
// splits them into chunks that `support --version` and scripted calls never load.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
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
 * A built-in that is loaded at once gets an ES module as its stand-in: one export per own export of
 * the real module, each read from it only if an importer uses that name (esbuild drops the others).
 * As CommonJS, every importing file would copy all the module's exports into accessors at load
 * (__toESM): some 2,000 of them on a command that talks to the server. A name that is imported is
 * read when its importer loads, as Node's own ES module facade for a built-in reads it.
 */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function eagerStandIn(name, real) {
  const id = JSON.stringify(`node:${name}`);
  const names = Reflect.ownKeys(real).filter((k) => typeof k === 'string' && k !== 'default' && IDENTIFIER.test(k));
  return [
    `const real = require(${id});`,
    'export default real;',
    ...names.map((k, i) => `const $${i} = /* @__PURE__ */ (() => real.${k})();\nexport { $${i} as ${k} };`),
  ].join('\n');
}

const lazyBuiltinsPlugin = ({ perImporter }) => ({
  name: 'lazy-builtins',
  setup(b) {
    const names = new Set(builtinModules.filter((n) => !n.startsWith('_')));
    b.onResolve({ filter: /^(node:)?[a-z_/0-9]+$/ }, (args) => {
      // CommonJS dependencies require() built-ins themselves, when they want them.
      if (args.kind !== 'import-statement') return undefined;
      const name = args.path.replace(/^node:/, '');
      // With chunks, one stand-in per importing file, so that it lands in that file's chunk. A
      // stand-in shared by files in different chunks would be a chunk of its own, and every ES module
      // costs a resolve and a link (some 0.35 ms each): `queue --json` loaded eleven such one-line
      // chunks. In one file, one stand-in per built-in.
      if (!names.has(name)) return undefined;
      return { path: perImporter ? `${name}?${args.importer}` : name, namespace: 'lazy-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const name = args.path.split('?')[0];
      const id = JSON.stringify(`node:${name}`);
      const real = requireBuiltin(`node:${name}`);
      if (!LAZY.has(name)) return { contents: eagerStandIn(name, real), loader: 'js' };
      const keys = Reflect.ownKeys(real).filter((k) => typeof k === 'string' && k !== 'default');
      // Plain functions (createHash, connect, checkServerIdentity) forward on call, so that merely
      // holding or testing one loads nothing; constants are copied; classes and the rest load. They
      // live on the prototype of the module's exports: an importing file's __toESM copies own
      // properties into accessors one by one, and there are none (crypto has 70 exports, zlib 90).
      const valueOf = (k) => Object.getOwnPropertyDescriptor(real, k)?.value;
      const calls = keys.filter((k) => typeof valueOf(k) === 'function' && /^[a-z]/.test(k));
      const constants = valueOf('constants') && typeof valueOf('constants') === 'object' ? JSON.stringify(valueOf('constants')) : undefined;
      const gets = keys.filter((k) => !calls.includes(k) && !(k === 'constants' && constants));
      return {
        contents: [
          `let m; const real = () => (m ??= require(${id}));`,
          'const out = {};',
          `for (const k of ${JSON.stringify(calls)}) {`,
          '  const call = function (...args) { return real()[k].apply(this, args); };',
          "  Object.defineProperty(call, 'name', { value: k });",
          '  Object.defineProperty(out, k, { enumerable: true, value: call });',
          '}',
          constants ? `Object.defineProperty(out, 'constants', { enumerable: true, value: Object.freeze(${constants}) });` : '',
          `for (const k of ${JSON.stringify(gets)}) Object.defineProperty(out, k, { enumerable: true, get: () => real()[k], set: (v) => { real()[k] = v; } });`,
          'module.exports = Object.create(out);',
        ].join('\n'),
        loader: 'js',
      };
    });
  },
});

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
 * got asks `body instanceof ReadableStream` of every request it finishes, body or none, and reading
 * Node's ReadableStream global loads the web streams implementation: 6-11 ms of CPU on every command
 * that talks to the server, none of which sends a web stream. Inside got the check first asks whether
 * there is a body at all; a body that is a web stream is still recognised. Each rewrite must match
 * exactly once, or the build fails: a new got is looked at again.
 */
const GOT_WEB_STREAM_CHECKS = [
  ['core/index.js', 'else if (body instanceof ReadableStream) {', 'else if (body != null && body instanceof ReadableStream) {'],
  ['core/utils/is-non-replayable-body.js', '|| body instanceof ReadableStream', '|| (body != null && body instanceof ReadableStream)'],
];

const gotWithoutIdleWebStreams = {
  name: 'got-without-idle-web-streams',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]got[\\/]dist[\\/]source[\\/]core[\\/].*\.js$/, namespace: 'file' }, (args) => {
      const rewrites = GOT_WEB_STREAM_CHECKS.filter(([file]) => args.path.replaceAll('\\', '/').endsWith(`/got/dist/source/${file}`));
      if (rewrites.length === 0) return undefined;
      let contents = readFileSync(args.path, 'utf8');
      for (const [file, from, to] of rewrites) {
        if (contents.split(from).length !== 2) throw new Error(`got-without-idle-web-streams: "${from}" is not in got's ${file} exactly once; look at this rewrite again`);
        contents = contents.replace(from, to);
      }
      return { contents, loader: 'js' };
    });
  },
};

/**
 * got gives every request an id for its diagnostics channel with crypto.randomUUID, and loading
 * node:crypto for it costs some 7 ms on every command that talks to the server. The id only tells
 * one request's diagnostics messages from another's inside this process and nobody subscribes, so
 * inside got's diagnostics module it comes from Math.random in the same shape.
 */
const gotWithoutCryptoRequestIds = {
  name: 'got-without-crypto-request-ids',
  setup(b) {
    b.onResolve({ filter: /^(node:)?crypto$/ }, (args) =>
      /[\\/]node_modules[\\/]got[\\/]dist[\\/]source[\\/]core[\\/]diagnostics-channel\.js$/.test(args.importer)
        ? { path: 'request-id', namespace: 'got-request-id' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'got-request-id' }, () => ({
      contents: [
        'const hex = (n) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join("");',
        'export function randomUUID() {',
        '  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(Math.random() * 4)).toString(16)}${hex(3)}-${hex(12)}`;',
        '}',
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

/**
 * yoga-layout (Ink's layout engine) ships its WebAssembly as a base64 data: URL, and its Emscripten
 * loader reads it with fetch() whenever fetch exists. In Node that loads undici, Node's fetch: some
 * 50 ms of CPU before the workspace's first frame, to decode a string. Here the loader takes its own
 * synchronous path, which decodes the same data: URL without fetch.
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const fetching = 'function ya(){return w||"function"!=typeof fetch?';
      // A new version that loads differently must be looked at again, not bundled unchanged.
      if (source.split(fetching).length !== 2) throw new Error('yoga-layout: expected one fetch of its wasm data: URL');
      return { contents: source.replace(fetching, 'function ya(){return true?'), loader: 'js' };
    });
  },
};

/**
 * The libraries that measure text while Ink draws import string-width, which compiles its emoji and
 * mark regular expressions on the first string that is not ASCII: some 25 ms of CPU before a first
 * frame of Chinese or Indonesian rows. They get src/api/text/string-width-fast.ts instead, which
 * measures simple text (CJK, kana, Hangul, Latin, punctuation) without them and hands the rest to
 * string-width; a test holds it to string-width's answers for every code point it handles.
 */
const fastStringWidth = {
  name: 'fast-string-width',
  setup(b) {
    const shim = fileURLToPath(new URL('../src/api/text/string-width-fast.ts', import.meta.url));
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      /[\\/]node_modules[\\/]/.test(args.importer) ? { path: shim } : undefined,
    );
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
  plugins: [gotWithoutCryptoRequestIds, gotWithoutIdleWebStreams, yogaWithoutFetch, fastStringWidth, lazyBuiltinsPlugin({ perImporter: true }), confWithoutUnusedFeatures, gotWithoutCache, isWithLazyListFormat],
};

/**
 * Bare `support` (the workspace) loads dist/workspace.js, one file built on its own, instead of the
 * 37 chunks that code splitting gives the same code: Node's module loader costs about 0.2 ms a module
 * (resolving, reading, linking), 7 ms of CPU before the first frame. Commands that open the workspace
 * after parsing their arguments (`support call`, `support demo`) load the split chunks as before; the
 * two copies are never loaded by one process.
 */
const workspaceAsOneFile = {
  name: 'workspace-as-one-file',
  setup(b) {
    const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
    b.onResolve({ filter: /^\.\/open-workspace\.js$/ }, (args) => (args.importer === main ? { path: './workspace.js', external: true } : undefined));
  },
};

/**
 * Ink imports its React devtools bridge with import() when DEV=true. In a file without chunks that
 * import is inlined and its own import of react-devtools-core (an optional peer, not installed) is
 * hoisted to the top, where it would fail at once: it gets an empty stand-in, and DEV=true is inert.
 */
const noDevtools = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'no-devtools' }));
    b.onLoad({ filter: /.*/, namespace: 'no-devtools' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };', loader: 'js' }));
  },
};

/**
 * V8 keeps a source with any character above U+00FF at two bytes a character, decoded and hashed as
 * such on every load: some 5 ms of the workspace's 1.3 MB file before its first frame. esbuild writes
 * strings' characters as \\u escapes but keeps a regular expression literal's as written, so one CJK
 * regex literal in src made the whole file two-byte. Such a regex is built from a string instead;
 * this check keeps it that way. liquidjs's accent table (œ) is allowed: its chunk loads for
 * --template only.
 */
const TWO_BYTE_ALLOWED = /(^|[\\/])node_modules[\\/]liquidjs[\\/]/;

function assertOneByteSources(metafiles) {
  for (const [file, output] of metafiles.flatMap((m) => Object.entries(m.outputs))) {
    if (!file.endsWith('.js') || Object.keys(output.inputs).some((input) => TWO_BYTE_ALLOWED.test(input))) continue;
    const text = readFileSync(join(root, file), 'utf8');
    const at = text.search(/[\u0100-\u{10ffff}]/u);
    if (at === -1) continue;
    const cp = text.codePointAt(at).toString(16).toUpperCase().padStart(4, '0');
    throw new Error(`${file}: U+${cp} at offset ${at}, in "${text.slice(Math.max(0, at - 60), at + 20)}": write that regular expression from a string (new RegExp('…')), so that the bundle stays one byte a character`);
  }
}

export async function buildCli() {
  // Chunk names carry content hashes: stale chunks would pile up.
  rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
  const define = { ...bundleOptions.define, SUPPORT_VERSION: JSON.stringify(pkg.version) };
  const results = await Promise.all([
    build({ ...bundleOptions, metafile: true, plugins: [workspaceAsOneFile, ...bundleOptions.plugins], absWorkingDir: root, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', define }),
    build({
      ...bundleOptions,
      metafile: true,
      splitting: false,
      external: bundleOptions.external.filter((name) => name !== 'react-devtools-core'),
      plugins: [noDevtools, ...bundleOptions.plugins.map((plugin) => (plugin.name === 'lazy-builtins' ? lazyBuiltinsPlugin({ perImporter: false }) : plugin))],
      absWorkingDir: root,
      entryPoints: { workspace: 'src/cli/open-workspace.ts' },
      outdir: 'dist',
      define,
    }),
  ]);
  assertOneByteSources(results.map((r) => r.metafile));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli();
}
