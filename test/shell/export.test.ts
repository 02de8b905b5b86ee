// Exporting a `jn shell` session as shell text. The property test hands
// shellQuote'd random strings to a real `sh` and checks that the exact
// strings come back; the script tests run exported scripts with a fake `jn`
// on PATH that reports the arguments of each invocation.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { asciiJson, commandLine, shellQuote, toScript } from '../../src/shell/export.ts';
import { Session, enabledArgvs, type SessionState } from '../../src/shell/session.ts';
import { rng, tempDir } from '../helpers.ts';

const ALPHABET = [
  ...'\'"$`\\\n\t #*~!;&|<>(){}[]?=-',
  ...'abcXYZ019_./,:@%+',
  '😀',
  '👍🏽',
  '👨‍👩‍👧',
  '中',
  '文',
  'é',
  'e\u0301', // e + combining acute
  '\u0301', // a combining mark alone
  '\u0308\u0323',
  '\r',
  '\u00a0',
  '\u2028',
];

function randomArgs(seed: number, count: number): string[] {
  const rand = rng(seed);
  return Array.from({ length: count }, () => {
    const len = Math.floor(rand() * 21); // 0..20
    let s = '';
    for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
    return s;
  });
}

/** Run `sh -c script` and split its stdout on NUL (dropping the last, empty, piece). */
function shNul(script: string, env?: NodeJS.ProcessEnv): string[] {
  const r = spawnSync('sh', ['-c', script], { encoding: 'utf8', env });
  assert.equal(r.status, 0, `sh failed: ${r.stderr}\nscript: ${script}`);
  const parts = r.stdout.split('\0');
  assert.equal(parts.pop(), '', 'output ends with NUL');
  return parts;
}

describe('shellQuote', () => {
  const cases: [string, string][] = [
    ['abc', 'abc'],
    ['data/file-1.csv', 'data/file-1.csv'],
    ['a=b,c:d@e%f+g', 'a=b,c:d@e%f+g'],
    ['-n', '-n'],
    ['--on', '--on'],
    ['', "''"],
    ['a b', "'a b'"],
    ["it's", "'it'\\''s'"],
    ["'", "''\\'''"],
    ['$HOME', "'$HOME'"],
    ['~', "'~'"],
    ['*', "'*'"],
    ['#', "'#'"],
    ['a\nb', "'a\nb'"],
    ['é', "'é'"],
    ['.x > 10', "'.x > 10'"],
  ];
  for (const [arg, quoted] of cases) {
    it(`${JSON.stringify(arg)} -> ${quoted}`, () => assert.equal(shellQuote(arg), quoted));
  }

  it('refuses a NUL character (no argument can hold one)', () => {
    assert.throws(() => shellQuote('a\0b'), /NUL/);
  });

  it('property: sh reads back the exact strings (300 random arguments + edge cases)', () => {
    const args = randomArgs(20250101, 300);
    // the generator really produces the hard cases
    assert.ok(args.some((a) => a === ''), 'an empty string');
    for (const c of ["'", '"', '$', '`', '\\', '\n', '\t', '😀', '\u0301', '~', '*', '#', '!']) {
      assert.ok(args.some((a) => a.includes(c)), `some argument contains ${JSON.stringify(c)}`);
    }
    assert.ok(args.some((a) => a.startsWith('-')), 'an argument starting with -');
    const edge = ['', "'", "''", "'\\''", '-', '--', '-n', '-e', '~', '~root', '*', '#', '#x', '!', 'a b', '\\', '\\\\', '\\n', '$(echo hi)', '`echo hi`', '${x}', '\n', ' ', '\t', "'$'\"`\\", '😀中文e\u0301'];
    const all = [...args, ...edge];
    const batch = 25;
    for (let i = 0; i < all.length; i += batch) {
      const chunk = all.slice(i, i + batch);
      const script = `printf '%s\\0' ${chunk.map(shellQuote).join(' ')}`;
      assert.deepEqual(shNul(script), chunk, `batch ${i / batch}`);
    }
  });

  it('property: a quoted string works as the default in ${1:-...} (as the exported script uses it)', () => {
    const args = randomArgs(77, 300).filter((a) => a !== '');
    const batch = 25;
    for (let i = 0; i < args.length; i += batch) {
      const chunk = args.slice(i, i + batch);
      const assigns = chunk.map((a, j) => `v${j}=\${1:-${shellQuote(a)}}`).join('\n');
      const script = `${assigns}\nprintf '%s\\0' ${chunk.map((_, j) => `"$v${j}"`).join(' ')}`;
      assert.deepEqual(shNul(script), chunk, `batch ${i / batch}`);
    }
  });
});

describe('asciiJson', () => {
  it('writes JSON on one line in printable ASCII that parses back to the same value', () => {
    const value = { a: 'é 😀 中文 e\u0301 \u2028 \n \t " \\ \u007f \u0000', b: [1, 'x'] };
    const text = asciiJson(value);
    assert.match(text, /^[\x20-\x7e]*$/);
    assert.deepEqual(JSON.parse(text), value);
    assert.ok(text.includes('\\ud83d\\ude00'));
  });
});

// A fake `jn`: passes stdin on (except for `jn cat`), then appends a record
// of its own arguments: the count and each argument, NUL-terminated. The
// last stage's stdout thus holds every invocation's argv, in pipeline order.
const bin = tempDir('jn-shell-export-');
writeFileSync(
  join(bin, 'jn'),
  `#!/bin/sh
if [ "$1" != cat ]; then cat; fi
printf '%s\\0' "$#" "$@"
if [ -n "\${JN_FAIL:-}" ] && [ "$1" = "$JN_FAIL" ]; then exit 3; fi
`,
);
chmodSync(join(bin, 'jn'), 0o755);
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };

function argvsOf(stdout: string): string[][] {
  const fields = stdout.split('\0');
  assert.equal(fields.pop(), '');
  const out: string[][] = [];
  for (let i = 0; i < fields.length; ) {
    const n = Number(fields[i]);
    assert.ok(Number.isInteger(n), `count field ${JSON.stringify(fields[i])}`);
    out.push(fields.slice(i + 1, i + 1 + n));
    i += 1 + n;
  }
  return out;
}

function runSh(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  return spawnSync('sh', args, { encoding: 'utf8', env: { ...env, ...extraEnv } });
}

const WEIRD_EXPR = `select(.name == "O'Neil $HOME \`x\` \\\\ \\"q\\"")\n| .a // "😀 中文"`;
const WEIRD_SOURCE = `my dir/it's "$HOME" \`x\` #1 ~é.csv`;

function weirdSession(): SessionState {
  const s = new Session({ source: WEIRD_SOURCE, stages: [] });
  s.add('head 2');
  s.add(WEIRD_EXPR);
  s.add('table --tablefmt grid');
  s.toggle(2);
  s.add("join 'c d.csv' --on \"a,b\"");
  return s.state;
}

describe('commandLine', () => {
  it('joins jn cat SRC and each enabled stage with |, quoting every argument', () => {
    const s = new Session({ source: 'data.csv', stages: [] });
    assert.equal(commandLine(s.state), 'jn cat data.csv');
    s.add('.x > 10');
    s.add('head 20');
    s.add('table');
    s.toggle(2);
    assert.equal(commandLine(s.state), "jn cat data.csv | jn filter '.x > 10' | jn head 20");
    assert.equal(commandLine(s.state, '"$src"'), `jn cat "$src" | jn filter '.x > 10' | jn head 20`);
    s.setSource('my file.csv');
    assert.equal(commandLine(s.state), "jn cat 'my file.csv' | jn filter '.x > 10' | jn head 20");
  });

  it('run by sh, gives each jn its exact argv', () => {
    const state = weirdSession();
    const r = runSh(['-c', commandLine(state)]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(argvsOf(r.stdout), [['cat', WEIRD_SOURCE], ...enabledArgvs(state)]);
    assert.deepEqual(enabledArgvs(state), [['head', '2'], ['filter', WEIRD_EXPR], ['join', 'c d.csv', '--on', 'a,b']]);
  });
});

describe('toScript', () => {
  const createdAt = new Date('2025-03-04T05:06:07.089Z');
  const state = weirdSession();
  const script = toScript(state, { version: '0.1.0', createdAt });
  const file = join(bin, 'pipeline.sh');
  writeFileSync(file, script, { mode: 0o755 });

  it('has the header, the session line, set -eu, the optional pipefail and the source default', () => {
    const lines = script.split('\n');
    assert.equal(lines[0], '#!/bin/sh');
    assert.ok(script.endsWith('\n'));
    assert.match(script, /^# Exported from jn shell 0\.1\.0 on 2025-03-04T05:06:07\.089Z\.$/m);
    assert.ok(lines.includes(`# Source: ${asciiJson(WEIRD_SOURCE)}`), 'the source, made one ASCII line');
    assert.match(script, /^# Run: sh script\.sh \[SOURCE\]/m);
    assert.ok(lines.includes('set -eu'));
    assert.ok(lines.includes('(set -o pipefail) 2>/dev/null && set -o pipefail'));
    assert.ok(lines.includes(`src=\${1:-${shellQuote(WEIRD_SOURCE)}}`));
    assert.ok(lines.includes('jn cat "$src" \\'));
    assert.ok(lines.includes('  | jn head 2 \\'));
    assert.ok(lines.includes(`  | jn join 'c d.csv' --on a,b`), 'the last stage ends the script');
    assert.ok(!script.includes('jn table'), 'the disabled stage is not run');
    // every comment line (the header) is printable ASCII
    for (const l of lines.filter((l) => l.startsWith('#'))) assert.match(l, /^[\x20-\x7e]*$/, l);
  });

  it('the jn-session line holds the whole state (disabled stages too) as one line of ASCII JSON', () => {
    const lines = script.split('\n').filter((l) => l.startsWith('# jn-session: '));
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^[\x20-\x7e]*$/);
    const json = JSON.parse(lines[0].slice('# jn-session: '.length));
    assert.deepEqual(json, JSON.parse(JSON.stringify(state)));
    assert.equal(json.stages.length, 4);
    assert.equal(json.stages[2].enabled, false);
  });

  it('passes sh -n (syntax check)', () => {
    const r = runSh(['-n', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
  });

  it('runs the pipeline on the session source by default, giving each jn its exact argv', () => {
    const r = runSh([file]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(argvsOf(r.stdout), [['cat', state.source], ...enabledArgvs(state)]);
  });

  it('$1 overrides the source; an empty $1 means the default', () => {
    const other = runSh([file, "other file's.json"]);
    assert.equal(other.status, 0, other.stderr);
    assert.deepEqual(argvsOf(other.stdout), [['cat', "other file's.json"], ...enabledArgvs(state)]);
    const empty = runSh([file, '']);
    assert.deepEqual(argvsOf(empty.stdout)[0], ['cat', WEIRD_SOURCE]);
  });

  it('exits with the status of a failing last stage (set -e)', () => {
    const r = runSh([file], { JN_FAIL: 'join' });
    assert.equal(r.status, 3);
  });

  it('a session without stages is just jn cat; an empty source still runs', () => {
    const plain = toScript({ source: 'a.csv', stages: [] }, { version: '1', createdAt });
    assert.ok(plain.endsWith('\nsrc=${1:-a.csv}\njn cat "$src"\n'));
    const f = join(bin, 'plain.sh');
    writeFileSync(f, plain);
    assert.deepEqual(argvsOf(runSh([f]).stdout), [['cat', 'a.csv']]);
    const none = toScript({ source: '', stages: [] }, { version: '1', createdAt });
    const g = join(bin, 'none.sh');
    writeFileSync(g, none);
    assert.deepEqual(argvsOf(runSh([g]).stdout), [['cat', '']]);
  });

  it('property: random sessions export to scripts that reproduce each argv', () => {
    const rand = rng(4242);
    const args = randomArgs(99, 120);
    for (let round = 0; round < 8; round++) {
      const s = new Session({ source: args[round * 15] || 'x', stages: [] });
      for (let k = 1; k < 15; k++) {
        const a = args[round * 15 + k];
        const pickKind = rand();
        if (pickKind < 0.4 && a.trim() !== '') {
          // an expression entry, if it reads back as one
          try {
            s.add(a);
            continue;
          } catch {
            // not a valid entry: fall through to a quoted command
          }
        }
        s.add(pickKind < 0.7 ? `join ${shellQuote(a)} --on ${shellQuote(a)}` : `filter ${shellQuote(a)} --arg v ${shellQuote(a)}`);
        if (rand() < 0.2) s.toggle(s.state.stages.length - 1);
      }
      const f = join(bin, `random-${round}.sh`);
      writeFileSync(f, toScript(s.state, { version: 'x', createdAt }));
      assert.equal(runSh(['-n', f]).status, 0);
      const r = runSh([f]);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(argvsOf(r.stdout), [['cat', s.state.source], ...enabledArgvs(s.state)], `round ${round}`);
    }
  });
});
