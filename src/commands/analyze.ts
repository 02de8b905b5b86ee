// jn analyze — statistics over the whole input, streaming, in memory bounded
// by the number of fields (not records): per field the types seen, missing
// and null counts, min/max/mean/stddev of numbers, min/max length of strings
// (in code points), an approximate distinct count (HyperLogLog, ~0.8% standard error)
// and the most frequent values (Space-Saving, approximate).
import { renderTable } from '../kit/table.js';
import { HyperLogLog, Moments, SpaceSaving } from '../stats/sketches.js';
import { EXIT, UsageError } from '../kit/exit.js';
import { readRecords } from '../kit/records.js';
import { FieldTally, tallyFields } from '../stats/schema.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'analyze',
  description: 'Statistics over all of stdin in memory bounded by the number of fields: types, missing/null, min/max/mean/stddev, lengths, ~distinct, top values.',
  options: [
    { flags: '--table', description: 'a readable report instead of JSON' },
    { flags: '--top <k>', description: 'most frequent values to list per field (default 5)', kind: 'count' },
    { flags: '--sample <n>', description: 'only the first N records (then stop reading: upstream ends)', kind: 'count' },
    { flags: '--format <fmt>', description: 'json (default) or table (= --table), as in JN' },
  ],
  stage: true,
};

export function run({ opts }: Invocation): number {
  return analyze(opts as AnalyzeOptions);
}

interface AnalyzeOptions {
  table?: boolean;
  top?: number;
  sample?: number;
  format?: string;
}

class FieldStats extends FieldTally {
  numbers = new Moments();
  minLength = Infinity;
  maxLength = -Infinity;
  distinct = new HyperLogLog();
  frequent = new SpaceSaving(64);
}

function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

interface Analysis {
  records: number;
  fields: Record<string, unknown>[];
}

function analyzeRecords(records: Iterable<unknown>, topK = 5): Analysis {
  const { records: n, fields } = tallyFields(records, () => new FieldStats(), (f, value, t) => {
    if (t === 'object' || t === 'array' || t === 'null') return;
    const key = t === 'string' ? (value as string) : JSON.stringify(value);
    const tagged = t === 'string' ? 's' + key : 'v' + key;
    f.distinct.add(tagged);
    f.frequent.add(tagged);
    if (t === 'number') f.numbers.add(value as number);
    else if (t === 'string') {
      const len = codePoints(value as string);
      if (len < f.minLength) f.minLength = len;
      if (len > f.maxLength) f.maxLength = len;
    }
  });
  const out: Record<string, unknown>[] = [];
  for (const [path, f] of fields) {
    const row: Record<string, unknown> = { field: path, types: f.types, missing: n - f.present, nulls: f.nulls };
    if (f.numbers.n > 0) {
      row.min = f.numbers.min;
      row.max = f.numbers.max;
      row.mean = f.numbers.mean;
      row.stddev = f.numbers.stddev();
    }
    if (f.minLength !== Infinity) {
      row.min_length = f.minLength;
      row.max_length = f.maxLength;
    }
    const scalars = Object.entries(f.types).reduce((s, [t, c]) => (t === 'object' || t === 'array' || t === 'null' ? s : s + c), 0);
    if (scalars > 0) {
      row.distinct_approx = f.distinct.estimate();
      row.top = f.frequent.top(topK).map((e) => ({ value: e.value[0] === 's' ? e.value.slice(1) : JSON.parse(e.value.slice(1)), count: e.count }));
    }
    out.push(row);
  }
  return { records: n, fields: out };
}

function* stdinRecords(limit = Infinity): Generator<unknown> {
  if (limit <= 0) return;
  let n = 0;
  for (const [value] of readRecords(0)) {
    yield value;
    if (++n >= limit) return;
  }
}

const fmt = (v: unknown): string => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/\.?0+$/, '')) : v === undefined ? '' : String(v));

function analyze(opts: AnalyzeOptions): number {
  if (opts.format !== undefined && opts.format !== 'json' && opts.format !== 'table') throw new UsageError(`--format: expected json or table, got ${JSON.stringify(opts.format)}`);
  const result = analyzeRecords(stdinRecords(opts.sample), opts.top ?? 5);
  if (!opts.table && opts.format !== 'table') {
    process.stdout.write(JSON.stringify(result) + '\n');
    return EXIT.OK;
  }
  const rows = result.fields.map((f) => ({
    field: f.field,
    types: Object.entries(f.types as Record<string, number>)
      .map(([t, c]) => `${t} ${c}`)
      .join(', '),
    missing: f.missing,
    null: f.nulls,
    min: fmt(f.min ?? (f.min_length !== undefined ? `len ${f.min_length}` : '')),
    max: fmt(f.max ?? (f.max_length !== undefined ? `len ${f.max_length}` : '')),
    mean: fmt(f.mean),
    stddev: fmt(f.stddev),
    distinct: f.distinct_approx === undefined ? '' : `~${f.distinct_approx}`,
    top: ((f.top as { value: unknown; count: number }[] | undefined) ?? [])
      .slice(0, 3)
      .map((t) => `${typeof t.value === 'string' ? t.value : JSON.stringify(t.value)} (${t.count})`)
      .join(', '),
  }));
  process.stdout.write(`${result.records} records\n`);
  if (rows.length) process.stdout.write(renderTable('simple', rows, 40));
  return EXIT.OK;
}
