// scripts/check-size.mjs (run by `npm run lint:arch`): a file over 600 lines
// or a function over 100 lines fails, with path:line and length; at the
// limits it passes; nested functions count toward their parent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, run, tempDir } from '../helpers.ts';

const checkSize = join(root, 'scripts', 'check-size.mjs');

/** A function named `name` spanning exactly `lines` lines. */
const fn = (name: string, lines: number): string => `export function ${name}(): number {\n${'  void 0;\n'.repeat(lines - 3)}  return 1;\n}\n`;

test('over the limits fails, naming each offender with path:line and length', async () => {
  const dir = tempDir('jn-size-');
  mkdirSync(join(dir, 'src', 'kit'), { recursive: true });
  mkdirSync(join(dir, 'plugins'), { recursive: true });
  writeFileSync(join(dir, 'src', 'kit', 'long.ts'), fn('ok', 100) + 'export const x = 1;\n'.repeat(501));
  writeFileSync(join(dir, 'src', 'kit', 'fns.ts'), '// header\n' + fn('big', 101) + fn('fine', 100));
  // A React component: a 70-line arrow inside it makes it 102 lines long.
  writeFileSync(
    join(dir, 'plugins', 'View.tsx'),
    `export function View(): JSX.Element {\n  const f = () => {\n${'    void 0;\n'.repeat(68)}  };\n${'  void 0;\n'.repeat(29)}  return <div onClick={f} />;\n}\n`,
  );
  const r = await run(process.execPath, [checkSize, 'src', 'plugins'], { cwd: dir });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^src\/kit\/long\.ts:1 {2}file has 601 lines \(limit 600\)$/m);
  assert.match(r.stdout, /^src\/kit\/fns\.ts:2 {2}function big spans 101 lines \(limit 100\)$/m);
  assert.match(r.stdout, /^plugins\/View\.tsx:1 {2}function View spans 102 lines \(limit 100\)$/m);
  assert.doesNotMatch(r.stdout, /function (ok|fine|f) /);
  assert.match(r.stdout, /1 file\(s\) over 600 lines, 2 function\(s\) over 100 lines/);
});

test('methods, arrows and function expressions are measured too; at the limits it passes', async () => {
  const dir = tempDir('jn-size-');
  mkdirSync(join(dir, 'src'), { recursive: true });
  const body = (n: number): string => '    void 0;\n'.repeat(n);
  writeFileSync(
    join(dir, 'src', 'a.ts'),
    `export class A {\n  m(): void {\n${body(100)}  }\n}\nexport const g = (): void => {\n${body(99)}};\nexport const h = function (): void {\n${body(98)}};\n`,
  );
  let r = await run(process.execPath, [checkSize, 'src'], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^src\/a\.ts:2 {2}function m spans 102 lines/m);
  assert.match(r.stdout, /^src\/a\.ts:105 {2}function g spans 101 lines/m);
  assert.doesNotMatch(r.stdout, /function h /);
  writeFileSync(join(dir, 'src', 'a.ts'), fn('f', 100) + 'export const y = 1;\n'.repeat(600 - 100));
  r = await run(process.execPath, [checkSize, 'src'], { cwd: dir });
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

test('a file that cannot be parsed is an error, not a pass', async () => {
  const dir = tempDir('jn-size-');
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src', 'bad.ts'), 'export function (\n');
  const r = await run(process.execPath, [checkSize, 'src'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /src\/bad\.ts: cannot parse/);
});
