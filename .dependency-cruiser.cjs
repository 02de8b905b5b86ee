// Layering rules for jn, checked by `npm run lint:arch` (part of `npm test`).
// Run through scripts/arch/depcruise.mjs, which makes dependency-cruiser's
// swc parser read .tsx (TypeScript 7 has no JS compiler API for its tsc parser).
//
// Two kinds of process: the jn process (src/cli.ts, src/commands, src/sources,
// src/pipeline, src/shell) starts stage processes (plugins/, and the code they
// run: src/kit, src/formats, src/protocols, src/databases, src/filter,
// src/stats, src/edit). Stage code never reaches back into the jn side.
//
// The swc parser does not tell `import type` from `import`, so every rule,
// the cycle rule included, counts type-only imports too.
const STAGE = '^(plugins/|src/(kit|formats|protocols|databases|filter|stats|edit)/)';
const JN_SIDE = '^src/(sources|pipeline|shell|commands)/|^src/cli\\.tsx?$';
// A project file (not an npm package, not a node builtin).
const local = (pathNot) => ({ pathNot: ['^node_modules/', ...pathNot], dependencyTypesNot: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg'] });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'stage-not-to-jn-side',
      comment: 'Stage-process code (plugins, kit, formats, protocols, databases, filter, stats, edit) never imports the jn-process side (sources, pipeline, shell, commands, cli).',
      severity: 'error',
      from: { path: STAGE },
      to: { path: JN_SIDE },
    },
    {
      name: 'kit-only-kit',
      comment: 'src/kit imports only src/kit (plus node builtins and npm packages).',
      severity: 'error',
      from: { path: '^src/kit/' },
      to: local(['^src/kit/']),
    },
    {
      name: 'formats-only-kit-and-formats',
      comment: 'src/formats, src/protocols and src/databases import only src/kit and each other (not filter, not stats).',
      severity: 'error',
      from: { path: '^src/(formats|protocols|databases)/' },
      to: local(['^src/(kit|formats|protocols|databases)/']),
    },
    {
      name: 'filter-engine-not-to-filter-cli',
      comment: 'The filter engine (src/filter outside src/filter/cli) never imports src/filter/cli.',
      severity: 'error',
      from: { path: '^src/filter/', pathNot: '^src/filter/cli/' },
      to: { path: '^src/filter/cli/' },
    },
    {
      name: 'command-not-to-command',
      comment: 'No command imports another command (src/commands/* -> src/commands/*).',
      severity: 'error',
      from: { path: '^src/commands/' },
      to: { path: '^src/commands/' },
    },
    {
      name: 'shell-not-to-commands',
      comment: 'src/shell never imports src/commands.',
      severity: 'error',
      from: { path: '^src/shell/' },
      to: { path: '^src/commands/' },
    },
    {
      name: 'sources-pipeline-not-to-shell-commands',
      comment: 'src/sources and src/pipeline never import src/shell or src/commands.',
      severity: 'error',
      from: { path: '^src/(sources|pipeline)/' },
      to: { path: '^src/(shell|commands)/' },
    },
    {
      name: 'not-to-test-or-bench',
      comment: 'Nothing in src/ or plugins/ imports test/ or bench/.',
      severity: 'error',
      from: { path: '^(src|plugins)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles in src/ and plugins/ (type-only imports count: the swc parser does not tell them apart).',
      severity: 'error',
      from: { path: '^(src|plugins)/' },
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'Every module in src/ is imported by something (entry points: src/cli.ts, src/filter/cli/worker.ts).',
      severity: 'error',
      from: { orphan: true, path: '^src/', pathNot: ['^src/cli\\.ts$', '^src/filter/cli/worker\\.ts$', '\\.d\\.ts$'] },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (otherwise the rules above cannot see where it goes).',
      severity: 'error',
      from: { path: '^(src|plugins)/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    parser: 'swc',
    // test/ and bench/ are only looked at as targets of forbidden imports.
    doNotFollow: { path: '^(node_modules|test|bench)/' },
    exclude: { path: '^(dist|native)/' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      conditionNames: ['import', 'require', 'node', 'default'],
      exportsFields: ['exports'],
      mainFields: ['module', 'main', 'types'],
    },
    cache: false,
  },
};
