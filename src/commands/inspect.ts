// jn inspect [ADDR...] — with addresses: the resolved plugin chain for each,
// without reading data; without: the schema of a sample of stdin.
import { parseAddress } from '../sources/address.js';
import { renderTable } from '../kit/table.js';
import { readPlan } from '../sources/plans.js';
import { maskSecrets } from '../kit/mask.js';
import { EXIT } from '../kit/exit.js';
import { readRecords } from '../kit/records.js';
import { expandAddresses } from '../sources/open.js';
import { FieldTally, tallyFields } from '../stats/schema.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'inspect',
  description: 'With addresses: the plugin chain each resolves to (reads no data). Without: the schema of a sample of stdin.',
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
  return addresses.length ? inspectChain(addresses, o) : inspectSample(o);
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
        plugin: chain[i].plugin.name,
        level: chain[i].plugin.level,
        argv: [st.command, ...st.args].map((a) => maskSecrets(a, st.secrets)),
        why: chain[i].why,
      }));
      if (plan.decide) steps.push({ stage: 'format', plugin: '(from the response)', level: 'bundled', argv: [], why: "chosen from the response's Content-Type when it arrives (name it with ~FORMAT to fix it)" });
      const info = { address: addr.raw, protocol: addr.protocol, path: addr.path, format: addr.format ?? null, params: Object.fromEntries(addr.params), stages: steps };
      if (opts.json) out.push(JSON.stringify(info));
      else {
        out.push(`${addr.raw}${addr.isStdio ? ' (stdin)' : ''}`);
        steps.forEach((s, i) => {
          out.push(`  ${i + 1}. ${s.stage}: ${s.argv.length ? s.argv.join(' ') : s.plugin}`);
          out.push(`     ${s.why}`);
        });
      }
    }
  }
  process.stdout.write(out.join('\n') + '\n');
  return EXIT.OK;
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
