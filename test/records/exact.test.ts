// Records pass through every stage byte for byte (up to compaction: blanks
// outside strings removed): key order (`b`, `2023`, `a`, integer-like keys
// nested too), numbers' text (20 digits, 1e400, -0, 1.0, 1E+2, 0.10),
// strings' escapes. Real processes joined by pipes; inputs generated.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, jnBin, rng, splitMark, tempDir } from '../helpers.ts';

const dir = tempDir();
const env = { ...process.env, JN_HOME: join(dir, 'home') };
const opts = { cwd: dir, env };

const NUMBERS = ['12345678901234567890', '-98765432109876543210', '-0', '1.0', '1e400', '-1e400', '1E+2', '0.10', '1e-400', '9007199254740993', '0', '7', '2.5'];
const STRINGS = ['"x y"', '"é日本😀"', '"\\u00e9\\/\\"\\\\"', '"a,b"', '"say \\"hi\\""', '"line\\nbreak"', '""', '"12"'];

/** Compact JSON text of a generated value: numbers and strings as above,
 * nested objects with integer-like keys. */
function value(rand: () => number, depth: number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const r = rand();
  if (depth < 2 && r < 0.15) return `{"10":${value(rand, depth + 1)},"9":${value(rand, depth + 1)},"x":${value(rand, depth + 1)}}`;
  if (depth < 2 && r < 0.25) return `[${value(rand, depth + 1)},${value(rand, depth + 1)}]`;
  if (r < 0.3) return pick(['true', 'false', 'null']);
  return r < 0.7 ? pick(NUMBERS) : pick(STRINGS);
}

/** The same text with blanks put between tokens (never inside strings). */
function loosen(text: string, rand: () => number): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    out += c;
    if (inString) {
      if (c === '\\') out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    if (!inString && ',:[{'.includes(c) && rand() < 0.5) out += pick(rand, [' ', '  ', '\t', ' \t ']);
  }
  return out;
}

function pick<T>(rand: () => number, xs: T[]): T {
  return xs[Math.floor(rand() * xs.length)];
}

const rand = rng(2023);
// 14 records with keys b, 2023, a (so they also make one CSV table), then
// what `jn head` (10) keeps.
const records: string[] = [`{"b":${NUMBERS[0]},"2023":${NUMBERS[4]},"a":${NUMBERS[2]}}`, `{"b":1.0,"2023":1E+2,"a":0.10}`];
while (records.length < 14) records.push(`{"b":${value(rand, 0)},"2023":${value(rand, 0)},"a":${value(rand, 0)}}`);
const compact = records.join('\n') + '\n';
writeFileSync(join(dir, 'x.jsonl'), records.map((r) => loosen(r, rand)).join('\n') + '\n');
writeFileSync(join(dir, 'x.json'), '[\n' + records.map((r) => '  ' + loosen(r, rand)).join(',\n') + '\n]\n');
const firstTen = records.slice(0, 10).join('\n') + '\n';

/** jn stages joined by pipes, stdin of the first from input; the last
 * stage's stdout and every stage's stderr and status. */
function chain(stages: string[][], input?: string): Promise<{ stdout: string; stderr: string; codes: (number | null)[] }> {
  const procs: ChildProcess[] = [];
  for (const args of stages) {
    const stdin = procs.length ? procs[procs.length - 1].stdout! : 'pipe';
    procs.push(spawn(process.execPath, [jnBin, ...args], { ...opts, stdio: [stdin, 'pipe', 'pipe'] }));
  }
  if (input !== undefined) procs[0].stdin!.end(input);
  else procs[0].stdin?.end();
  const out: Buffer[] = [];
  let stderr = '';
  procs[procs.length - 1].stdout!.on('data', (b: Buffer) => out.push(b));
  for (const p of procs) p.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  // 'close' waits for a stage's stdio, and the stdout handed on to the next
  // stage is never read here: the stages before the last are waited for by 'exit'.
  const ended = (p: ChildProcess, last: boolean) => new Promise<number | null>((resolve) => p.on(last ? 'close' : 'exit', (code) => resolve(code)));
  return Promise.all(procs.map((p, i) => ended(p, i === procs.length - 1))).then((codes) => ({
    stdout: Buffer.concat(out).toString('utf8'),
    stderr,
    codes,
  }));
}

/** A JSON token's CSV cell: strings decoded (and quoted when they hold a
 * comma, a quote or a line break), everything else as its text. */
function cell(token: string): string {
  if (token === 'null') return '';
  const s = token.startsWith('"') ? (JSON.parse(token) as string) : token;
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** The top-level values of a compact record with keys b, 2023, a. */
function tokens(record: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 1; i < record.length - 1; i++) {
    const c = record[i];
    if (c === '"') {
      for (i++; record[i] !== '"'; i++) if (record[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === ':' && depth === 0) start = i + 1;
    else if (c === ',' && depth === 0) out.push(record.slice(start, i));
  }
  out.push(record.slice(start, record.length - 1));
  return out;
}

describe('records pass through byte for byte', () => {
  it('jn cat x.jsonl | jn head | jn put y.jsonl: y is x compacted', async () => {
    const r = await chain([['cat', 'x.jsonl'], ['head'], ['put', 'y.jsonl']]);
    assert.deepEqual(r.codes, [0, 0, 0], r.stderr);
    assert.equal(readFileSync(join(dir, 'y.jsonl'), 'utf8'), firstTen);
  });

  it('jn cat x.jsonl | jn head | jn put y.csv: header b,2023,a and every cell as written', async () => {
    const r = await chain([['cat', 'x.jsonl'], ['head'], ['put', 'y.csv']]);
    assert.deepEqual(r.codes, [0, 0, 0], r.stderr);
    const expected = 'b,2023,a\n' + records.slice(0, 10).map((rec) => tokens(rec).map(cell).join(',') + '\n').join('');
    assert.equal(readFileSync(join(dir, 'y.csv'), 'utf8'), expected);
    assert.ok(expected.startsWith('b,2023,a\n12345678901234567890,1e400,-0\n1.0,1E+2,0.10\n'));
  });

  it('jn cat x.json (a pretty array) gives the records compacted; jn put y.json and y.json?pretty=true read back the same', async () => {
    const r = await jn(['cat', 'x.json'], opts);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, compact);
    for (const target of ['y.json', 'p.json?pretty=true']) {
      const w = await jn(['put', target], { ...opts, input: compact });
      assert.equal(w.code, 0, w.stderr);
      const back = await jn(['cat', target.replace(/\?.*/, '')], opts);
      assert.equal(back.stdout, compact, target);
    }
    assert.equal(readFileSync(join(dir, 'p.json'), 'utf8').split('\n')[2], '    "b": 12345678901234567890,');
  });

  it('jn tail keeps the last records as they are', async () => {
    const r = await chain([['cat', 'x.jsonl'], ['tail', '-n', '3']]);
    assert.deepEqual(r.codes, [0, 0], r.stderr);
    assert.equal(r.stdout, records.slice(-3).join('\n') + '\n');
  });

  it('jn merge with a label puts _source/_label first and keeps the rest; a record with _source already is rebuilt in order', async () => {
    writeFileSync(join(dir, 'm.jsonl'), '{"_source":"old","n":1.0,"2":12345678901234567890,"1":{"b":-0,"10":1}}\n');
    const r = await jn(['merge', 'x.jsonl:label=L', 'm.jsonl'], opts);
    assert.equal(r.code, 0, r.stderr);
    const tagged = records.map((rec) => '{"_source":"x.jsonl","_label":"L",' + rec.slice(1));
    assert.equal(r.stdout, [...tagged, '{"_source":"m.jsonl","n":1.0,"2":12345678901234567890,"1":{"b":-0,"10":1}}'].join('\n') + '\n');
  });

  it('jn join matches 20-digit keys exactly (not as doubles) and keeps both sides as written', async () => {
    writeFileSync(
      join(dir, 'right.jsonl'),
      ['{"id":12345678901234567891,"2":"second","v":1e400}', '{"id":12345678901234567890,"2":"first","v":1.0}', '{"id":1E+2,"z":{"10":0.10,"9":-0}}'].join('\n') + '\n',
    );
    const left = ['{"b":1,"id":12345678901234567890,"2023":-0}', '{"b":2,"id":12345678901234567891}', '{"b":3,"id":100.0}', '{"b":4,"id":12345678901234567892}'].join('\n') + '\n';
    const r = await jn(['join', 'right.jsonl', '--on', 'id'], { ...opts, input: left });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        '{"b":1,"id":12345678901234567890,"2023":-0,"2":"first","v":1.0}',
        '{"b":2,"id":12345678901234567891,"2":"second","v":1e400}',
        '{"b":3,"id":100.0,"z":{"10":0.10,"9":-0}}',
        '{"b":4,"id":12345678901234567892}',
      ].join('\n') + '\n',
    );
    const t = await jn(['join', 'right.jsonl', '--on', 'id', '--target', 'm', '--indicator', 'hit'], { ...opts, input: '{"2":0,"id":12345678901234567891}\n' });
    assert.equal(t.stdout, '{"2":0,"id":12345678901234567891,"m":[{"id":12345678901234567891,"2":"second","v":1e400}],"hit":true}\n');
  });

  it('yaml, markdown and table writers keep key order and numbers as written; yaml and markdown read them back exactly', async () => {
    const two = records.slice(0, 2).join('\n') + '\n';
    const written: Record<string, string> = {
      'two.yaml': '---\nb: 12345678901234567890\n"2023": 1e400\na: -0\n---\nb: 1.0\n"2023": 1E+2\na: 0.10\n',
      'two.md':
        '|                    b |  2023 |    a |\n| -------------------: | ----: | ---: |\n| 12345678901234567890 | 1e400 |   -0 |\n|                  1.0 |  1E+2 | 0.10 |\n',
    };
    for (const [name, text] of Object.entries(written)) {
      const w = await jn(['put', name], { ...opts, input: two });
      assert.equal(w.code, 0, w.stderr);
      assert.equal(readFileSync(join(dir, name), 'utf8'), text, name);
      const back = await jn(['cat', name], opts);
      assert.equal(back.stdout, two, name);
    }
    const t = await jn(['put', '-~table?tablefmt=simple'], { ...opts, input: two });
    assert.equal(
      t.stdout,
      '                     b      2023      a\n----------------------  --------  -----\n12345678901234567890    1e400     -0\n                   1.0      1E+2   0.10\n',
    );
  });

  it('a record nested deeper than the parse allows: merge and join name the address and line', async () => {
    writeFileSync(join(dir, 'deep.jsonl'), '{"a":1}\n{"_source":' + '['.repeat(5000) + ']'.repeat(5000) + '}\n');
    const m = await jn(['merge', 'deep.jsonl:label=x'], opts);
    assert.equal(m.code, 3);
    assert.equal(splitMark(m.stdout).records, '{"_source":"deep.jsonl","_label":"x","a":1}\n');
    assert.equal(m.stderr, 'jn: merge: deep.jsonl: line 2: arrays and objects nest deeper than 2000 levels\n');
    const j = await jn(['join', 'deep.jsonl', '--on', 'a'], { ...opts, input: '{"a":1}\n' });
    assert.equal(j.code, 3);
    assert.equal(j.stderr, 'jn: join: deep.jsonl: line 2: arrays and objects nest deeper than 2000 levels\n');
  });

  it('a CSV with a 20-digit ID column reads as bare numbers and writes back identical', async () => {
    const gen = rng(20);
    let csv = 'id,2023,name,amount\n';
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const id = String(10_000_000_000_000_000_000n + BigInt(Math.floor(gen() * 1e9)) * 7919n);
      ids.push(id);
      csv += `${id},${pick(gen, NUMBERS)},${pick(gen, ['x', 'Zoë', '"a,b"', '007'])},${(gen() * 1000).toFixed(Math.floor(gen() * 4))}\n`;
    }
    writeFileSync(join(dir, 'ids.csv'), csv);
    const read = await jn(['cat', 'ids.csv'], opts);
    assert.equal(read.code, 0, read.stderr);
    assert.deepEqual(
      read.stdout.trim().split('\n').map((l) => /^\{"id":(\d+),"2023":/.exec(l)?.[1]),
      ids,
    );
    const r = await chain([['cat', 'ids.csv'], ['put', 'out.csv']]);
    assert.deepEqual(r.codes, [0, 0], r.stderr);
    assert.equal(readFileSync(join(dir, 'out.csv'), 'utf8'), csv);
  });
});
