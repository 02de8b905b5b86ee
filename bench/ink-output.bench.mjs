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
// table row new). Target: Ink / jn ≥ 3.
// Usage: node bench/ink-output.bench.mjs [--quick]
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import { root } from './lib.mjs';

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

register();
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
process.exit(0);
