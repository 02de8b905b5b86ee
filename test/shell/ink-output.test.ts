// src/shell/ui/ink-output.ts against Ink's own Output (ink/build/output.js):
// the same frame, byte for byte, for (a) thousands of seeded random
// operations and (b) the operations of real frames of jn shell's App.
// Ink's Output measures with string-width and ours with src/kit/width.ts (as
// Ink does in the bundle, scripts/stubs/string-width.js): the random texts use
// only characters the two measure alike (checked below), and the few cases
// where side-by-side characters make a grapheme they measure differently
// (flags, ZWJ sequences, a doubled U+FE0F) are left out and counted.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import JnOutput from '../../src/shell/ui/ink-output.ts';
import { displayWidth } from '../../src/kit/width.ts';
import { root, rng } from '../helpers.ts';
import { inkOutputUrl, recordFrames, replay, type Frame, type Operation, type OutputClass } from './ink-frames.tsx';

const { default: InkOutput } = (await import(inkOutputUrl)) as { default: OutputClass };
const { default: stringWidth } = (await import(pathToFileURL(join(root, 'node_modules', 'string-width', 'index.js')).href)) as { default: (s: string) => number };

const WIDE_AND_MARKS = ['日', '本語', '한', '😀', '👍', '🇯🇵', '❤️', 'é', 'e\u0301', 'a\u0308\u0301', 'ｱ', '—', '…', '│', '›', '\u200b', '✓', '🧑‍💻', '\t', '\u0007', '\u0301', '\u200d', '\ufe0f', 'ß', '\u00a0'];
/** The characters both measures agree on (the others are left out of the texts). */
const AGREED = WIDE_AND_MARKS.filter((c) => stringWidth(c) === displayWidth(c));

const SGR = [
  ...[30, 31, 32, 33, 34, 35, 36, 37, 90, 91, 92, 93, 94, 95, 96, 97, 39].map(String),
  ...[40, 41, 42, 43, 44, 45, 46, 47, 100, 101, 102, 103, 104, 105, 106, 107, 49].map(String),
  '38;5;200', '48;5;17', '38;2;10;20;30', '48;2;255;0;128', '38;5', '48;2;1',
  '1', '2', '3', '4', '7', '9', '22', '23', '24', '27', '29', '0', '', '1;31', '2;4;38;5;9', '0;1', ';32', '1;2;22',
];

function textOf(rand: () => number): string {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  let s = '';
  const n = Math.floor(rand() * 8);
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.35) s += pick(['a', 'bc', 'hello', ' ', '  x ', 'Z9_', '-+-']);
    else if (r < 0.65) s += `\x1b[${pick(SGR)}m`;
    else if (r < 0.78) s += pick(AGREED);
    else if (r < 0.86) s += '\n';
    else if (r < 0.9) s += rand() < 0.5 ? '\x1b]8;;https://example.com/x\x07' : '\x1b]8;;\x07';
    else if (r < 0.93) s += pick(['\x1b[?25h', '\x1b[2K', '\x1b', '\x1b[', '\x1b[31']);
    else s += 'word '.repeat(1 + Math.floor(rand() * 8));
  }
  return s;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Whether both measures agree on every grapheme of the frame's texts (pool
 * characters side by side can make new graphemes, e.g. ❤️ + U+FE0F). */
const measuredAlike = (frame: Frame): boolean =>
  frame.operations.every((op) => op.type !== 'write' || [...graphemes.segment(op.text)].every(({ segment }) => stringWidth(segment) === displayWidth(segment)));

const TRANSFORMERS: ((line: string, index: number) => string)[] = [
  (line) => `\x1b[31m${line}\x1b[39m`,
  (line, index) => (index % 2 ? line.toUpperCase() : line),
  (line) => `\x1b[1m>${line}\x1b[22m`,
  (line) => `\x1b[44m${line}\x1b[0m`,
];

function framesOf(seed: number): Frame {
  const rand = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const width = int(1, 30);
  const height = int(0, 8);
  const operations: Operation[] = [];
  let depth = 0;
  for (let n = int(1, 12); n > 0; n--) {
    const r = rand();
    if (r < 0.2) {
      const clip: Record<string, number | undefined> = {};
      if (rand() < 0.7) ((clip.x1 = int(-3, width)), (clip.x2 = int(clip.x1, width + 4)));
      if (rand() < 0.6) ((clip.y1 = int(-2, height)), (clip.y2 = int(clip.y1, height + 3)));
      operations.push({ type: 'clip', clip });
      depth++;
    } else if (r < 0.3 && depth > 0) {
      operations.push({ type: 'unclip' });
      depth--;
    } else {
      const transformers = TRANSFORMERS.filter(() => rand() < 0.15);
      operations.push({ type: 'write', x: int(-6, width + 3), y: int(-3, height + 2), text: textOf(rand), transformers });
    }
  }
  return { width, height, operations };
}

describe("ink-output: the same frame as Ink's Output", () => {
  it('measures enough characters alike to test wide characters and marks', () => {
    for (const c of ['日', '😀', 'e\u0301']) assert.ok(AGREED.includes(c), `${JSON.stringify(c)}: string-width ${stringWidth(c)}, kit/width ${displayWidth(c)}`);
  });

  it('for seeded random operations (styles, links, wide characters, clips, transformers)', () => {
    const base = Number(process.env.JN_SEED ?? 1);
    let unlike = 0;
    for (let seed = base; seed < base + 6000; seed++) {
      const frame = framesOf(seed);
      if (!measuredAlike(frame)) {
        unlike++;
        continue;
      }
      const want = replay(InkOutput, frame);
      const got = replay(JnOutput as unknown as OutputClass, frame);
      assert.deepEqual(got, want, `seed ${seed} (JN_SEED=${seed}): ${JSON.stringify(frame.operations.map((o) => (o.type === 'write' ? { ...o, transformers: o.transformers.map((t) => TRANSFORMERS.indexOf(t)) } : o)))}`);
    }
    assert.ok(unlike < 300, `${unlike} of 6000 cases left out (the two measures disagree on one of their graphemes)`);
  });

  it('after its caches kept across frames have been emptied (more lines and styles than they keep)', () => {
    const frameOf = (k: number): Frame => ({
      width: 40,
      height: 25,
      operations: Array.from({ length: 500 }, (_, i) => ({ type: 'write' as const, x: i % 7, y: i % 25, text: `\x1b[38;2;${k};${i % 256};${i >> 8}mrow ${k}-${i} \x1b[1mb\x1b[22m`, transformers: [] })),
    });
    for (const k of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1]) assert.deepEqual(replay(JnOutput as unknown as OutputClass, frameOf(k)), replay(InkOutput, frameOf(k)), `frame ${k}`);
  });

  it("for the frames of jn shell's App (table, help, record view, paging)", async () => {
    const frames = await recordFrames();
    assert.deepEqual(frames.map((f) => f.name), ['table', 'table, cursor moved', 'help', 'record view', 'table, paged']);
    for (const { name, frame } of frames) {
      const want = replay(InkOutput, frame);
      assert.match(want.output, /\x1b\[/, `${name}: the frame has colours`);
      // twice: the second draw comes from the caches kept across frames
      assert.deepEqual(replay(JnOutput as unknown as OutputClass, frame), want, name);
      assert.deepEqual(replay(JnOutput as unknown as OutputClass, frame), want, `${name}, again`);
    }
  });
});
