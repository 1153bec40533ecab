// The rooms of src and the directions allowed between them. Run by `npm run lint` (see
// tests/lint/README.md for why it runs through tests/lint).
//
// Top level:  api <- client <- cli;  api <- server;  api, client <- tui;  cli loads tui and server
// only through `await import()`, so that a command pays for neither unless it needs them.
// Inside tui:     state <- dialogs <- effects <- input <- view
// Inside server:  store <- domain <- http <- routes

// ---------------------------------------------------------------------------------------------
// The rules inside src/tui and src/server, and cycles through those folders, were introduced as
// warnings while the folders were restructured (issue 19). They are errors now; PENDING_SEVERITY is
// the one place to relax them again if a future move needs a step in between.
const PENDING_SEVERITY = 'error';
const PENDING_CYCLES = '^src/(tui|server|client|cli/bulk)/';
// ---------------------------------------------------------------------------------------------

/** Forbids `from` importing anything under src that does not match `allowed` (regexes). */
function onlyImports(name, comment, from, allowed, severity = 'error') {
  return {
    name,
    comment,
    severity,
    from: { path: from },
    to: { path: '^src/', pathNot: allowed },
  };
}

/** Forbids `from` importing `to` (regexes). */
function never(name, comment, from, to, severity = 'error', fromNot) {
  return {
    name,
    comment,
    severity,
    from: fromNot ? { path: from, pathNot: fromNot } : { path: from },
    to: { path: to },
  };
}

const TUI_LAYERS = ['state', 'dialogs', 'effects', 'input', 'view'];

/** state <- dialogs <- effects <- input <- view: a layer never imports one above it. */
const tuiLayerRules = TUI_LAYERS.slice(0, -1).map((layer, index) => {
  const higher = TUI_LAYERS.slice(index + 1);
  return never(
    `tui-${layer}-not-higher`,
    `src/tui/${layer} is below ${higher.join(', ')} and imports none of them.`,
    `^src/tui/${layer}/`,
    `^src/tui/(${higher.join('|')})/`,
    PENDING_SEVERITY,
  );
});

const forbidden = [
  {
    name: 'no-circular',
    comment: 'No import cycles, type-only imports included.',
    severity: 'error',
    from: { pathNot: PENDING_CYCLES },
    to: { circular: true, viaNot: PENDING_CYCLES },
  },
  {
    name: 'no-circular-pending',
    comment: 'No import cycles, type-only imports included (in the folders being restructured).',
    severity: PENDING_SEVERITY,
    from: {},
    to: { circular: true, via: PENDING_CYCLES },
  },
  {
    name: 'no-orphans',
    comment: 'A module under src that nothing imports is dead code (entry points excepted).',
    severity: 'error',
    from: {
      orphan: true,
      path: '^src/',
      pathNot: ['\\.d\\.ts$'],
    },
    to: {},
  },
  {
    name: 'not-to-unresolvable',
    comment: 'Every import resolves.',
    severity: 'error',
    from: { path: '^src/' },
    to: { couldNotResolve: true },
  },
  {
    name: 'no-dev-dependencies-in-src',
    comment: 'What ships imports only runtime dependencies.',
    severity: 'error',
    from: { path: '^(src|bin)/', pathNot: '^bin/build\\.js$' },
    to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
  },

  // Top level.
  onlyImports('api-imports-nothing', 'src/api is the contract: it imports nothing else in src.', '^src/api/', '^src/api/'),
  onlyImports('client-imports-api', 'src/client speaks the contract and nothing else.', '^src/client/', '^src/(api|client)/'),
  onlyImports('server-imports-api', 'src/server shares only the contract.', '^src/server/', '^src/(api|server)/'),
  onlyImports('tui-imports-api-client', 'src/tui builds on the contract and the client.', '^src/tui/', '^src/(api|client|tui)/'),
  {
    name: 'cli-loads-tui-server-lazily',
    comment: 'src/cli reaches src/tui and src/server only through `await import()`, so a command does not load them.',
    severity: PENDING_SEVERITY,
    from: { path: '^src/cli/' },
    to: { path: '^src/(tui|server)/', dependencyTypesNot: ['dynamic-import', 'type-only'] },
  },
  onlyImports('cli-imports-below', 'src/cli is the top: it imports api, client, tui and server.', '^src/cli/', '^src/(api|client|cli|tui|server)/'),

  {
    name: 'schemas-as-types-outside-the-server',
    comment:
      'Outside the server and the CLI, src/api/schemas is imported for its types only: a schema module loads TypeBox (about 30 ms of CPU), which the workspace paid before its first frame. Shared constants live in src/api/enums.ts.',
    severity: 'error',
    from: { path: '^src/(tui|client)/|^src/api/(?!schemas/)' },
    to: { path: '^src/api/schemas/', dependencyTypesNot: ['type-only'] },
  },

  // Inside src/tui.
  ...tuiLayerRules,
  never(
    'tui-client-in-effects',
    'Only src/tui/effects and the run wiring talk to the client.',
    '^src/tui/',
    '^src/client/',
    PENDING_SEVERITY,
    ['^src/tui/effects/', '^src/tui/run\\.tsx$'],
  ),
  never(
    'tui-persistence-from-effects',
    'src/tui/persistence is reached only from src/tui/effects and the run wiring.',
    '^src/tui/',
    '^src/tui/persistence/',
    PENDING_SEVERITY,
    ['^src/tui/effects/', '^src/tui/persistence/', '^src/tui/run\\.tsx$'],
  ),

  // Inside src/server.
  onlyImports(
    'server-store-imports-api',
    'src/server/store imports only the contract and itself.',
    '^src/server/store/',
    '^src/(api|server/store)/',
    PENDING_SEVERITY,
  ),
  onlyImports(
    'server-domain-below-http',
    'src/server/domain imports store, events, wallets, auth and the contract; never http or routes.',
    '^src/server/domain/',
    '^src/(api|server/(domain|store|events|wallets|auth|context\\.ts$))',
    PENDING_SEVERITY,
  ),
  onlyImports(
    'server-http-below-routes',
    'src/server/http imports domain, store, auth and the contract; never routes.',
    '^src/server/http/',
    '^src/(api|server/(http|domain|store|auth|events|context\\.ts$))',
    PENDING_SEVERITY,
  ),
];

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: they close cycles as much as value imports do.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.d.ts'],
    },
  },
};
