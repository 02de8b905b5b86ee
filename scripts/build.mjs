#!/usr/bin/env node
// Builds the `jn` CLI (one CommonJS bundle per command behind a small
// launcher, so that each command loads only what it needs, in one file) and
// every bundled plugin into a runnable single-file script, then records the
// plugins' --jn-meta answers in dist/plugins/meta.json so that discovery does
// not have to spawn them. docs/architecture.md (Start-up) says why.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
// `node scripts/build.mjs csv json` rebuilds only those plugins (`jn` names
// the CLI); without arguments everything is rebuilt from scratch.
const only = process.argv.slice(2);
if (only.length === 0) rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'plugins'), { recursive: true });
// dist/ is CommonJS (dist/esm/ holds ES modules); load.js runs a CommonJS
// bundle with a V8 code cache (scripts/load.cjs).
writeFileSync(join(dist, 'package.json'), '{ "type": "commonjs" }\n');
writeFileSync(join(dist, 'load.js'), readFileSync(join(root, 'scripts', 'load.cjs')));

/** yoga-layout without its top-level await and without fetch() (see
 * scripts/stubs/yoga-layout.js): the loader's file gets its wasm (base64)
 * as an export, instead of a data: URL that it would fetch. */
const yogaDir = join(root, 'node_modules', 'yoga-layout', 'dist');
const inkDeps = {
  name: 'ink-deps',
  setup(b) {
    b.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: join(root, 'scripts', 'stubs', 'yoga-layout.js') }));
    // every string-width Ink's packages import (see the stub)
    b.onResolve({ filter: /^string-width$/ }, () => ({ path: join(root, 'scripts', 'stubs', 'string-width.js') }));
    // Ink's Output (the frame's grid, only its renderer imports it): jn's,
    // the same frame byte for byte at a fraction of the cost
    // (src/shell/ui/ink-output.ts; docs/performance.md, "Ink's Output").
    b.onResolve({ filter: /^\.\/output\.js$/ }, (args) =>
      /ink[\\/]build[\\/]renderer\.js$/.test(args.importer) ? { path: join(root, 'src', 'shell', 'ui', 'ink-output.ts') } : undefined,
    );
    b.onLoad({ filter: /ink[\\/]build[\\/]renderer\.js$/ }, (args) => {
      if (!readFileSync(args.path, 'utf8').includes("import Output from './output.js';")) throw new Error(`${args.path}: expected Ink's renderer to import ./output.js`);
      return undefined;
    });
    b.onResolve({ filter: /^jn-yoga-(binary|wrap|enums)$/ }, (args) => ({
      path: { 'jn-yoga-binary': join(yogaDir, 'binaries', 'yoga-wasm-base64-esm.js'), 'jn-yoga-wrap': join(yogaDir, 'src', 'wrapAssembly.js'), 'jn-yoga-enums': join(yogaDir, 'src', 'generated', 'YGEnums.js') }[args.path],
    }));
    b.onLoad({ filter: /yoga-wasm-base64-esm\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const uri = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(text);
      if (!uri) throw new Error(`${args.path}: expected the wasm as a base64 data: URL`);
      return { contents: text.replace(uri[0], '"data:application/octet-stream;base64,"') + `\nexport const wasmBase64 = "${uri[1]}";\n`, loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  jsx: 'automatic',
  // ink imports react-devtools-core only when DEV=true; it is not installed.
  alias: { 'react-devtools-core': join(root, 'scripts', 'stubs', 'react-devtools-core.js') },
  plugins: [inkDeps],
  logLevel: 'warning',
  // React's production build: its development build records every changed
  // prop's diff for the profiler (addObjectDiffToProperties), which walked
  // the 100,000 rows of jn shell's preview on every key (seconds a key).
  define: { 'process.env.NODE_ENV': '"production"' },
};
/** Ink's reconciler awaits at its top level, only when DEV=true (React
 * devtools, which jn does not ship: react-devtools-core is a stub that does
 * nothing). CommonJS cannot hold a top-level await: the two awaits become
 * what they amount to here (nothing, and no package name). */
const inkWithoutAwait = {
  name: 'ink-without-await',
  setup(b) {
    b.onLoad({ filter: /ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
      let text = readFileSync(args.path, 'utf8');
      for (const [from, to] of [
        ["await import('./devtools.js');", 'void 0;'],
        ['? await loadPackageJson()', '? { name: undefined, version: undefined }'],
      ]) {
        if (!text.includes(from)) throw new Error(`${args.path}: expected ${from}`);
        text = text.replace(from, to);
      }
      return { contents: text, loader: 'js' };
    });
  },
};

// Some CommonJS dependencies call require(); give ESM bundles one.
const esm = { ...common, format: 'esm', banner: { js: "import { createRequire as __jnCreateRequire } from 'node:module'; const require = __jnCreateRequire(import.meta.url);" } };
// CommonJS bundles start faster than ES modules: Node loads one CommonJS file
// without its ESM loader (measured ~25 ms less on `jn filter -n 1`). The code
// that finds files next to its bundle uses import.meta.url: give it the
// bundle's own URL.
const cjs = {
  ...common,
  format: 'cjs',
  define: { ...common.define, 'import.meta.url': '__jnImportMetaUrl' },
  banner: { js: "var __jnImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/** Node's built-in modules that are not loaded by Node's own start-up,
 * loaded by a CommonJS bundle at their first use instead of when the module
 * importing them is initialised: `jn cat data.csv` (its plugin runs in its
 * own process) never spawns, and node:child_process + node:net with their
 * streams cost ~15 ms of CPU to load under the `#!` line's V8 flag, which
 * makes V8 reject Node's code cache for them. esbuild turns
 * `import { spawn } from 'node:child_process'` into
 * `x = require("node:child_process")` and uses it as `(0, x.spawn)(...)`, so
 * a proxy that requires the module at the first property read keeps every
 * use working (namespace and default imports go through __toESM and are left
 * as they are). */
const LAZY_BUILTINS = ['child_process', 'net', 'os', 'module', 'stream', 'stream/promises', 'string_decoder', 'perf_hooks', 'worker_threads', 'crypto', 'zlib', 'http', 'https', 'tty', 'readline', 'v8'];
const LAZY_HELPER = 'var __jnLazy = (id) => { let m; return new Proxy({}, { get: (_, k) => (m ??= require(id))[k], has: (_, k) => k in (m ??= require(id)) }); };\n';
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.initialOptions.metafile = true;
    b.onEnd((result) => {
      for (const out of Object.keys(result.metafile?.outputs ?? {})) {
        if (!out.endsWith('.js')) continue;
        const text = readFileSync(out, 'utf8');
        const lazy = text.replace(/= require\("node:([a-z_/]+)"\);/g, (m, id) => (LAZY_BUILTINS.includes(id) ? `= __jnLazy("node:${id}");` : m));
        if (lazy === text) continue;
        // after the banner line, so that a `#!`-less CommonJS file stays valid
        const nl = lazy.indexOf('\n') + 1;
        writeFileSync(out, lazy.slice(0, nl) + LAZY_HELPER + lazy.slice(nl));
      }
    });
  },
};

/** A bundle of the CLI with one command: cli.ts's imports of the other
 * commands' modules become a module that cannot be loaded (the launcher
 * starts this bundle only for its own command). */
const onlyCommand = (name) => ({
  name: 'only-command',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/[a-z]+\.js$/ }, (args) => {
      const other = args.path.slice('./commands/'.length, -'.js'.length);
      if (other === name || !args.importer.endsWith(join('src', 'cli.ts'))) return undefined;
      return { path: other, namespace: 'elsewhere' };
    });
    b.onLoad({ filter: /.*/, namespace: 'elsewhere' }, (args) => ({ contents: `throw new Error('jn ${args.path}: not in this bundle');`, loader: 'js' }));
  },
});

// The commands: one file per command under dist/cmd/ that dist/jn.js (a tiny
// launcher) loads by name; the help and an unknown command run the
// code-split ES module build under dist/esm/.
const COMMANDS = readdirSync(join(root, 'src', 'commands')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
// The `#!` line. --max-semi-space-size: a young generation of 8 MiB (V8's
// default is 16 or more) keeps a streaming command's memory flat: measured on
// `jn filter` over 193 MB vs 579 MB of NDJSON, peak RSS grew 11% with the
// default and 3% with this, at the same speed (on a CommonJS start the flag
// costs ~2 ms: V8 rejects Node's code cache for the few internal modules
// loaded after bootstrap). NODE_EXTRA_CA_CERTS: Node parses that CA bundle at
// start-up (~50 ms); jn itself speaks no TLS, so the variable is moved aside
// to JN_EXTRA_CA_CERTS and given back only to the stages that do
// (src/pipeline/node.ts). Stages started by jn get their flags from there too.
// (env -S, -u and \${VAR}: GNU coreutils 8.30+, BSD/macOS env.)
const SHEBANG = '#!/usr/bin/env -S -u NODE_EXTRA_CA_CERTS JN_EXTRA_CA_CERTS=${NODE_EXTRA_CA_CERTS} node --max-semi-space-size=8\n';
const jn = join(dist, 'jn.js');
if (only.length === 0 || only.includes('jn')) {
  mkdirSync(join(dist, 'esm'), { recursive: true });
  writeFileSync(join(dist, 'esm', 'package.json'), '{ "type": "module" }\n');
  await Promise.all([
    build({ ...esm, entryPoints: { jn: join(root, 'src/cli.ts') }, outdir: join(dist, 'esm'), splitting: true, chunkNames: 'chunks/[name]-[hash]' }),
    // The worker thread of jn filter's two-thread path (src/filter/cli/parallel.ts).
    build({ ...cjs, entryPoints: { 'filter-worker': join(root, 'src/filter/cli/worker.ts') }, outdir: dist, plugins: [lazyBuiltins] }),
    // A pre-started stage process of jn shell's pool (src/pipeline/pool/warm.ts).
    build({ ...cjs, entryPoints: { warm: join(root, 'src/pipeline/pool/warm.ts') }, outdir: dist }),
    ...COMMANDS.map((c) =>
      build({ ...cjs, entryPoints: { [c]: join(root, 'src/cli.ts') }, outdir: join(dist, 'cmd'), plugins: [inkDeps, inkWithoutAwait, onlyCommand(c), lazyBuiltins] }),
    ),
  ]);
  writeFileSync(
    jn,
    SHEBANG +
      `'use strict';
// The jn launcher: runs the bundle of the command named (scripts/build.mjs),
// with a code cache (load.js).
const own = new Set(${JSON.stringify(COMMANDS)});
const name = process.argv[2];
if (own.has(name)) require('./load.js')(__dirname + '/cmd/' + name + '.js');
else import('./esm/jn.js');
`,
  );
  chmodSync(jn, 0o755);
}

// The pipe2(2) addon (native/jn_pipe.c). A plain C compile against Node's
// headers: N-API symbols are resolved when Node loads the module, so nothing
// is linked. Without a compiler jn still works (FIFO-based pipes).
if (only.length === 0 || only.includes('jn')) {
  const headers =
    [process.env.npm_config_nodedir, process.config.variables.node_prefix, join(dirname(process.execPath), '..'), '/usr', '/usr/local']
      .filter(Boolean)
      .map((p) => join(p, 'include', 'node'))
      .find((d) => existsSync(join(d, 'node_api.h'))) ?? '/usr/include/node';
  mkdirSync(join(dist, 'native'), { recursive: true });
  const cc = process.env.CC || 'cc';
  try {
    execFileSync(cc, ['-O2', '-shared', '-fPIC', '-DNODE_GYP_MODULE_NAME=jn_pipe', `-I${headers}`, '-o', join(dist, 'native', 'jn_pipe.node'), join(root, 'native', 'jn_pipe.c')], { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (err) {
    console.warn(`warning: could not build native/jn_pipe.c (${err.message.split('\n')[0]}); jn will join stages with FIFOs instead of anonymous pipes`);
  }
}

const pluginSources = readdirSync(join(root, 'plugins'))
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, '')));
// A plugin's code is dist/plugin-code/<name>.js; dist/plugins/<name>.js, the
// executable that discovery finds, runs it through load.js (the code cache).
await build({
  ...cjs,
  plugins: [lazyBuiltins],
  entryPoints: pluginSources.map((f) => join(root, 'plugins', f)),
  outdir: join(dist, 'plugin-code'),
  // Native database bindings load their .node files relative to their own
  // package: they are imported from node_modules at run time, not bundled.
  external: ['better-sqlite3', '@duckdb/node-api'],
});
const metaFile = join(dist, 'plugins', 'meta.json');
const meta = only.length && existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : {};
for (const src of pluginSources) {
  const name = src.replace(/\.ts$/, '.js');
  const file = join(dist, 'plugins', name);
  writeFileSync(file, `#!/usr/bin/env node\n'use strict';\nrequire('../load.js')(require('node:path').join(__dirname, '..', 'plugin-code', ${JSON.stringify(name)}));\n`);
  chmodSync(file, 0o755);
  const out = execFileSync(process.execPath, [file, '--jn-meta'], { encoding: 'utf8', env: { ...process.env, JN_CODE_CACHE: '0' } });
  meta[name] = { mtimeMs: statSync(file).mtimeMs, meta: JSON.parse(out) };
}
writeFileSync(metaFile, JSON.stringify(meta, null, 2) + '\n');
