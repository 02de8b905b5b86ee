#!/usr/bin/env node
// Builds the `jn` CLI (code-split so each command loads only what it needs)
// and every bundled plugin into a runnable single-file script, then records
// the plugins' --jn-meta answers in dist/plugins/meta.json so that discovery
// does not have to spawn them.
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

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: false,
  legalComments: 'none',
  jsx: 'automatic',
  // ink imports react-devtools-core only when DEV=true; it is not installed.
  alias: { 'react-devtools-core': join(root, 'scripts', 'stubs', 'react-devtools-core.js') },
  logLevel: 'warning',
  // React's production build: its development build records every changed
  // prop's diff for the profiler (addObjectDiffToProperties), which walked
  // the 100,000 rows of jn shell's preview on every key (seconds a key).
  define: { 'process.env.NODE_ENV': '"production"' },
  // Some CommonJS dependencies call require(); give ESM bundles one.
  banner: { js: "import { createRequire as __jnCreateRequire } from 'node:module'; const require = __jnCreateRequire(import.meta.url);" },
};

if (only.length === 0 || only.includes('jn')) await build({
  ...common,
  // The worker thread of jn filter's two-thread path (src/filter/cli/parallel.ts)
  // is its own entry point, sharing the filter engine's chunks with jn.
  entryPoints: { jn: join(root, 'src/cli.ts'), 'filter-worker': join(root, 'src/filter/cli/worker.ts') },
  outdir: dist,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
const jn = join(dist, 'jn.js');
if (only.length === 0 || only.includes('jn')) {
  // A young generation of 8 MiB (V8's default is 16 or more) keeps a
  // streaming command's memory flat: measured on `jn filter` over 193 MB vs
  // 579 MB of NDJSON, peak RSS grew 11% with the default and 3% with this,
  // at the same speed. Stages started by jn itself get their flags from
  // src/pipeline/node.ts. (env -S: GNU coreutils 8.30+, BSD/macOS env.)
  writeFileSync(jn, '#!/usr/bin/env -S node --max-semi-space-size=8\n' + readFileSync(jn, 'utf8'));
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
await build({
  ...common,
  entryPoints: pluginSources.map((f) => join(root, 'plugins', f)),
  outdir: join(dist, 'plugins'),
  splitting: false,
  // Native database bindings load their .node files relative to their own
  // package: they are imported from node_modules at run time, not bundled.
  external: ['better-sqlite3', '@duckdb/node-api'],
});
const metaFile = join(dist, 'plugins', 'meta.json');
const meta = only.length && existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : {};
for (const src of pluginSources) {
  const file = join(dist, 'plugins', src.replace(/\.ts$/, '.js'));
  writeFileSync(file, '#!/usr/bin/env node\n' + readFileSync(file, 'utf8'));
  chmodSync(file, 0o755);
  const out = execFileSync(process.execPath, [file, '--jn-meta'], { encoding: 'utf8' });
  meta[file.slice(join(dist, 'plugins').length + 1)] = { mtimeMs: statSync(file).mtimeMs, meta: JSON.parse(out) };
}
writeFileSync(metaFile, JSON.stringify(meta, null, 2) + '\n');
