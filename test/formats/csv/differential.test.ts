// Our CSV parser against csv-parse (the parser our users' Node code already
// trusts) on 12,000 seeded random inputs: quotes, doubled quotes, stray
// quotes, LF / CRLF / lone CR line ends mixed, four delimiters, empty fields,
// blank lines, a BOM, non-ASCII; with quoting on and off, each input fed to
// our parser in random chunks. Where both accept an input they must give the
// same rows field for field, and the same line numbers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { parseCsv } from '../../../src/formats/csv/parse.js';
import { rng } from '../../helpers.js';

const DELIMITERS = [',', ';', '\t', '|'];
const LINE_ENDS = ['\n', '\r\n', '\r'];
const SOUP = ['a', 'bc', '1', '-2.5', ' ', 'é', '😀', '"', '""', '\n', '\r\n', '\r', '', 'x"y'];

type Rand = () => number;
const pick = <T>(rand: Rand, xs: T[]): T => xs[Math.floor(rand() * xs.length)];

/** Rows of random fields, some quoted (correctly), random line ends. */
function wellFormed(rand: Rand, d: string, quote: boolean): string {
  const parts = ['a', 'bc', '1', '-2.5', ' sp ', 'é', '😀', d, '"', '\n', '\r', '\r\n', ''];
  let text = rand() < 0.1 ? '\uFEFF' : '';
  const rows = Math.floor(rand() * 6);
  for (let r = 0; r < rows; r++) {
    const n = 1 + Math.floor(rand() * 4);
    const fields: string[] = [];
    for (let f = 0; f < n; f++) {
      let v = '';
      for (let k = Math.floor(rand() * 3); k > 0; k--) v += pick(rand, parts);
      const special = v.includes(d) || v.includes('"') || v.includes('\n') || v.includes('\r');
      if (quote && (special || rand() < 0.2)) fields.push('"' + v.replace(/"/g, '""') + '"');
      else fields.push(special ? v.replace(/["\r\n]/g, '').split(d).join('') : v);
    }
    text += fields.join(d) + pick(rand, LINE_ENDS);
    if (rand() < 0.1) text += pick(rand, LINE_ENDS); // a blank line
  }
  if (rand() < 0.3) text = text.replace(/(\r\n|\r|\n)$/, ''); // no final line end
  return text;
}

/** Random tokens: stray quotes, quotes closed early, ends anywhere. */
function soup(rand: Rand, d: string): string {
  let text = '';
  for (let k = Math.floor(rand() * 14); k > 0; k--) text += rand() < 0.2 ? d : pick(rand, SOUP);
  return text;
}

/** Our parser, fed in 1 to 4 random chunks. */
function ours(text: string, d: string, quote: boolean, rand: Rand): { fields: string[]; line: number }[] | Error {
  const chunks: string[] = [];
  let rest = text;
  for (let k = Math.floor(rand() * 4); k > 0 && rest.length > 0; k--) {
    const at = Math.floor(rand() * (rest.length + 1));
    chunks.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  chunks.push(rest);
  try {
    return parseCsv(chunks, { delimiter: d, quote });
  } catch (err) {
    return err as Error;
  }
}

/** LFs inside fields. */
const lfs = (fields: string[]): number => fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);

/** csv-parse with our rules: LF, CRLF and CR end rows, blank lines are
 * skipped, rows may differ in length (checked later, by the reader). The
 * line of a row is where it starts: csv-parse counts where it ends, so the
 * LFs inside its fields are taken off. (A CR inside quotes is counted
 * unevenly by csv-parse: lines are compared only for inputs without one.) */
function theirs(text: string, d: string, quote: boolean): { fields: string[]; line: number }[] | Error {
  try {
    const records = parse(text, {
      delimiter: d,
      quote: quote ? '"' : false,
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      relax_column_count: true,
      bom: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ fields: record, line: info.lines - lfs(record) }));
  } catch (err) {
    return err as Error;
  }
}

describe('CsvParser agrees with csv-parse', () => {
  it('on 12,000 seeded random inputs (both accept: same fields, same lines)', () => {
    const rand = rng(4180);
    const tally = { both: 0, oursOnly: 0, theirsOnly: 0, neither: 0, rows: 0, lines: 0 };
    const theirsOnly: string[] = [];
    for (let k = 0; k < 12_000; k++) {
      const d = pick(rand, DELIMITERS);
      const quote = rand() < 0.75;
      const text = rand() < 0.6 ? wellFormed(rand, d, quote) : soup(rand, d);
      const a = ours(text, d, quote, rand);
      const b = theirs(text, d, quote);
      const what = `input ${k}: ${JSON.stringify(text)} delimiter ${JSON.stringify(d)} quote ${quote}`;
      if (a instanceof Error || b instanceof Error) {
        if (a instanceof Error && b instanceof Error) tally.neither++;
        else if (a instanceof Error) {
          tally.theirsOnly++;
          theirsOnly.push(`${what}: we said ${a.message}`);
        } else tally.oursOnly++;
        continue;
      }
      tally.both++;
      tally.rows += a.length;
      if (a.some((r) => r.fields.some((f) => f.includes('\r')))) {
        assert.deepEqual(a.map((r) => r.fields), b.map((r) => r.fields), what);
      } else {
        tally.lines++;
        assert.deepEqual(a, b, what);
      }
    }
    // nothing csv-parse reads is refused by us
    assert.deepEqual(theirsOnly, []);
    // the inputs exercise both sides: most are read by both, some by neither,
    // and stray quotes inside fields (`x"y`) by us only
    assert.ok(tally.both > 8000, JSON.stringify(tally));
    assert.ok(tally.rows > 20_000, JSON.stringify(tally));
    assert.ok(tally.lines > 6000, JSON.stringify(tally));
    assert.ok(tally.neither > 200, JSON.stringify(tally));
    assert.ok(tally.oursOnly > 200, JSON.stringify(tally));
  });
});
