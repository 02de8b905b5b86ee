// jn inspect [ADDR...] — with addresses: the resolved plugin chain for each
// (and the dialect of a CSV/TSV file, from its first rows); without: the
// schema of a sample of stdin.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { constants as zlib, gunzipSync } from 'node:zlib';
import { parseAddress } from '../sources/address.js';
import { SAMPLE_LIMIT, sampleComplete, sniffDialect, type Dialect } from '../formats/csv/dialect.js';
import { readOptionsFrom, type Flavor } from '../formats/csv/options.js';
import { Options } from '../kit/sdk.js';
import { renderTable } from '../kit/table.js';
import { readPlan, type ReadPlan } from '../sources/plans.js';
import { maskSecrets } from '../kit/mask.js';
import { profileInfoText, profileListText } from '../sources/profiles/show.js';
import { EXIT } from '../kit/exit.js';
import { readRecords } from '../kit/records.js';
import { expandAddresses } from '../sources/open.js';
import { FieldTally, tallyFields } from '../stats/schema.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'inspect',
  description: 'With addresses: the plugin chain each resolves to (reads no data, but the first rows of a CSV/TSV file for its dialect). Without (or `schema`): the schema of a sample of stdin. `profiles`, `profile @ns/name`: as jn profile list / info.',
  arguments: [{ name: '[address...]', description: 'addresses to resolve' }],
  options: [
    { flags: '-n, --lines <n>', description: 'records to sample from stdin (default 1000)', kind: 'count' },
    { flags: '--json', description: 'machine-readable output' },
  ],
  stage: true,
};

export function run({ args, opts }: Invocation): number {
  const [addresses] = args as [string[]];
  const o: InspectOptions = { n: opts.lines as number | undefined, json: opts.json as boolean | undefined };
  // JN's spellings: jn inspect schema | profiles | profile @ns/name (a file of that name is ./schema)
  const [first, ...rest] = addresses;
  if (first === 'schema' && rest.length === 0) return inspectSample(o);
  if (first === 'profiles' && rest.length === 0) return write(profileListText(undefined, o.json === true));
  if (first === 'profile' && rest.length === 1) return write(profileInfoText(rest[0], o.json === true));
  return addresses.length ? inspectChain(addresses, o) : inspectSample(o);
}

function write(text: string): number {
  process.stdout.write(text);
  return EXIT.OK;
}

interface InspectOptions {
  n?: number;
  json?: boolean;
}

function inspectChain(addresses: string[], opts: InspectOptions): number {
  const out: string[] = [];
  for (const raw of addresses) {
    const list = parseAddress(raw).protocol === 'file' ? expandAddresses([raw]) : [parseAddress(raw)];
    for (const addr of list) {
      // Exactly the stages `jn cat` would run, with why each plugin was chosen.
      const plan = readPlan(addr);
      const { stages, steps: chain } = plan;
      const steps = stages.map((st, i) => ({
        stage: st.label,
        // a file profile's stages are jn's own (cat, filter): no plugin
        plugin: chain[i]?.plugin.name ?? 'jn',
        level: chain[i]?.plugin.level ?? 'bundled',
        argv: [st.command, ...st.args].map((a) => maskSecrets(a, st.secrets)),
        why: chain[i]?.why ?? `jn ${st.label}, from the profile`,
      }));
      if (plan.decide) steps.push({ stage: 'format', plugin: '(from the response)', level: 'bundled', argv: [], why: "chosen from the response's Content-Type when it arrives (name it with ~FORMAT to fix it)" });
      const dialect = csvDialect(plan);
      const info = { address: addr.raw, protocol: addr.protocol, path: addr.path, format: addr.format ?? null, params: Object.fromEntries(addr.params), stages: steps, ...(dialect && { dialect }) };
      if (opts.json) out.push(JSON.stringify(info));
      else {
        out.push(`${addr.raw}${addr.isStdio ? ' (stdin)' : ''}`);
        steps.forEach((s, i) => {
          out.push(`  ${i + 1}. ${s.stage}: ${s.argv.length ? s.argv.join(' ') : s.plugin}`);
          out.push(`     ${s.why}`);
        });
        if (dialect) out.push(`  dialect: ${describeDialect(dialect)}`);
      }
    }
  }
  process.stdout.write(out.join('\n') + '\n');
  return EXIT.OK;
}

interface CsvDialectInfo extends Dialect {
  quote: boolean;
  escapes: boolean;
}

const SOURCES: Record<Dialect['source'], string> = {
  option: 'named by ?delimiter=',
  'sep line': "named by the file's sep= line",
  detected: 'detected from the first rows',
  default: 'the default',
};

function describeDialect(d: CsvDialectInfo): string {
  const quoting = d.quote ? 'RFC 4180 quotes' : d.escapes ? 'no quotes, \\t \\n \\r \\\\ escapes' : 'no quotes';
  return `delimiter ${JSON.stringify(d.delimiter)} (${SOURCES[d.source]})${d.sepLine ? ', sep= line skipped' : ''}, ${quoting}`;
}

/** The start of a file, gunzipped when the chain starts with gz: enough
 * for the dialect (its first row, at most SAMPLE_LIMIT); undefined for
 * what is not a regular file (a pipe would lose what is read, or block). */
function fileStart(path: string, gz: boolean, quote: boolean): string | undefined {
  if (!statSync(path).isFile()) return undefined;
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_LIMIT);
    let size = 0;
    let text = '';
    while (size < buf.length) {
      const n = readSync(fd, buf, size, Math.min(1 << 16, buf.length - size), null);
      if (n === 0) break;
      size += n;
      const bytes = gz ? gunzipSync(buf.subarray(0, size), { finishFlush: zlib.Z_SYNC_FLUSH, maxOutputLength: 4 * SAMPLE_LIMIT }) : buf.subarray(0, size);
      text = new StringDecoder('utf8').write(bytes);
      if (sampleComplete(text, quote)) break;
    }
    return text;
  } finally {
    closeSync(fd);
  }
}

/** What the bundled csv/tsv plugin will decide about a file's dialect
 * (reads the start of the file); undefined for other chains, or when the
 * file cannot be read (jn cat says why). */
function csvDialect(plan: ReadPlan): CsvDialectInfo | undefined {
  const { addr, steps } = plan;
  if (plan.input !== 'file' || steps.length === 0) return undefined;
  const last = steps[steps.length - 1].plugin;
  const gz = steps.length === 2 && steps[0].plugin.name === 'gz';
  if (plan.input !== 'file' || last.level !== 'bundled' || (last.name !== 'csv' && last.name !== 'tsv') || (steps.length !== 1 && !gz)) return undefined;
  try {
    const opts = readOptionsFrom(new Options(new Map(addr.params)), last.name as Flavor, process.env);
    const quote = opts.quote ?? true;
    const start = fileStart(addr.path, gz, quote);
    return start === undefined ? undefined : { ...sniffDialect(start, opts), quote, escapes: opts.escapes ?? false };
  } catch {
    return undefined;
  }
}

class FieldInfo extends FieldTally {
  examples: string[] = [];
  constructor(readonly path: string) {
    super();
  }
}

function schemaOf(records: Iterable<unknown>): { records: number; fields: FieldInfo[] } {
  const { records: n, fields } = tallyFields(records, (path) => new FieldInfo(path), (f, value, t) => {
    if (t !== 'object' && t !== 'array' && t !== 'null' && f.examples.length < 3) {
      let text = typeof value === 'string' ? value : JSON.stringify(value);
      if (text.length > 40) text = text.slice(0, 39) + '…';
      if (!f.examples.includes(text)) f.examples.push(text);
    }
  });
  return { records: n, fields: [...fields.values()] };
}

function* sample(limit: number): Generator<unknown> {
  if (limit <= 0) return;
  let n = 0;
  for (const [value] of readRecords(0)) {
    yield value;
    if (++n >= limit) return;
  }
}

function inspectSample(opts: InspectOptions): number {
  const limit = opts.n ?? 1000;
  const schema = schemaOf(sample(limit));
  const fields = schema.fields.map((f) => ({
    path: f.path,
    types: f.types,
    missing: schema.records - f.present,
    nulls: f.nulls,
    examples: f.examples,
  }));
  if (opts.json) {
    process.stdout.write(JSON.stringify({ records: schema.records, fields }) + '\n');
    return EXIT.OK;
  }
  const rows = fields.map((f) => ({
    field: f.path,
    types: Object.entries(f.types)
      .map(([t, c]) => `${t} ${c}`)
      .join(', '),
    missing: f.missing,
    null: f.nulls,
    examples: f.examples.join(', '),
  }));
  process.stdout.write(`${schema.records} record${schema.records === 1 ? '' : 's'} sampled${schema.records >= limit ? ` (the first ${limit}; -n to change)` : ''}\n`);
  if (rows.length) process.stdout.write(renderTable('simple', rows));
  return EXIT.OK;
}
