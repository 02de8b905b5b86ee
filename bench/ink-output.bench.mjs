#!/usr/bin/env node
// One frame of jn shell through Ink's Output (ink/build/output.js) and jn's
// (src/shell/ui/ink-output.ts, the bundle's): the operations of real frames
// of the App in a 160x40 terminal with colours (the table full of rows, the
// cursor moved, the help overlay, the record view, a page down), recorded by
// test/shell/ink-frames.tsx, replayed into each class. Both are bundled as
// in dist/ (string-width is scripts/stubs/string-width.js). jn's keeps its
// parsed lines and styles across frames (Ink builds a new Output, and its
// caches, every frame): each named frame is replayed again and again (as a
// frame after a key that changes little: most of its lines were drawn
// before), then the pages of a paging session once each in order (every
// table row new). Last, the first frame of a fresh process (code not yet
// optimized by V8, caches empty: what the first screen pays), the table
// frame's operations written to a JSON file (each write's transformers as the
// table of the lines they were given and returned). Target: Ink / jn ≥ 3.
// Usage: node bench/ink-output.bench.mjs [--quick]
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib.mjs';

// the recorder (TypeScript, the App) runs under tsx's loader
if (!process.execArgv.includes('tsx')) {
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(status ?? 1);
}
const quick = process.argv.includes('--quick');
const RUNS = quick ? 30 : 200;
const PAGES = quick ? 10 : 40;
const dir = mkdtempSync(join(tmpdir(), 'jn-bench-ink-output-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const bundle = join(dir, 'outputs.mjs');
await build({
  stdin: {
    contents: `export { default as Ink } from ${JSON.stringify(join(root, 'node_modules', 'ink', 'build', 'output.js'))};\nexport { default as Jn } from ${JSON.stringify(join(root, 'src', 'shell', 'ui', 'ink-output.ts'))};\n`,
    resolveDir: root,
    loader: 'js',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile: bundle,
  logLevel: 'warning',
  plugins: [{ name: 'string-width', setup: (b) => b.onResolve({ filter: /^string-width$/ }, () => ({ path: join(root, 'scripts', 'stubs', 'string-width.js') })) }],
});
const url = pathToFileURL(bundle).href;
const { Ink, Jn } = await import(url);

const { recordFrames, replay } = await import('../test/shell/ink-frames.tsx');
const all = await recordFrames(PAGES);
const frames = all.filter((f) => !f.name.startsWith('page '));
const pages = all.filter((f) => f.name.startsWith('page '));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn, runs) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

console.log(`### One frame of jn shell (160x40), median ms of ${RUNS} replays\n`);
console.log('| frame | writes | Ink | jn | Ink / jn |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const row = (name, writes, ink, jn) => console.log(`| ${name} | ${writes} | ${ink.toFixed(2)} | ${jn.toFixed(2)} | ${(ink / jn).toFixed(1)}× |`);
const writesOf = (frame) => frame.operations.filter((o) => o.type === 'write').length;
for (const { name, frame } of frames) {
  if (replay(Ink, frame).output !== replay(Jn, frame).output) throw new Error(`${name}: the two outputs differ`);
  for (let i = 0; i < 5; i++) (replay(Ink, frame), replay(Jn, frame));
  row(name, writesOf(frame), time(() => replay(Ink, frame), RUNS), time(() => replay(Jn, frame), RUNS));
}
// each page once, in order: Ink first (its caches are per frame), then jn
const once = (Out) => median(pages.map(({ frame }) => time(() => replay(Out, frame), 1)));
const inkPages = once(Ink);
const jnPages = once(Jn);
row(`page down (${pages.length} pages, each once: new rows)`, writesOf(pages[0].frame), inkPages, jnPages);

/** The frame with its transformers replaced by what they did in a replay. */
function serializable(frame) {
  const operations = frame.operations.map((op) => {
    if (op.type !== 'write' || op.transformers.length === 0) return op.type === 'write' ? { ...op, transformers: [] } : op;
    const table = {};
    const all = (line, index) => (table[`${index}\0${line}`] = op.transformers.reduce((l, t) => t(l, index), line));
    return { ...op, transformers: [all], table };
  });
  replay(Ink, { ...frame, operations });
  return { ...frame, operations: operations.map(({ transformers, ...op }) => op) };
}
const fixture = join(dir, 'frame.json');
writeFileSync(fixture, JSON.stringify(serializable(frames[0].frame)));
const child = `
const { readFileSync } = await import('node:fs');
const [bundle, fixture, which] = process.argv.slice(1);
const Out = (await import(bundle))[which];
const frame = JSON.parse(readFileSync(fixture, 'utf8'));
const t = performance.now();
const out = new Out({ width: frame.width, height: frame.height });
for (const op of frame.operations) {
  if (op.type === 'write') out.write(op.x, op.y, op.text, { transformers: op.table ? [(l, i) => op.table[i + '\\0' + l] ?? l] : [] });
  else if (op.type === 'clip') out.clip(op.clip);
  else out.unclip();
}
out.get();
process.stdout.write(String(performance.now() - t));
`;
const fresh = { Ink: [], Jn: [] };
for (let i = 0; i < (quick ? 5 : 15); i++) {
  for (const which of ['Ink', 'Jn']) {
    const text = execFileSync(process.execPath, ['--input-type=module', '-e', child, url, fixture, which], { encoding: 'utf8' });
    if (!Number.isFinite(Number(text))) throw new Error(`the first frame of a fresh process: ${text}`);
    fresh[which].push(Number(text));
  }
}
row(`table, first frame of a fresh process (${fresh.Ink.length} each)`, writesOf(frames[0].frame), median(fresh.Ink), median(fresh.Jn));
process.exit(0);
