// jn join SOURCE — hash join of stdin (left, streamed) with SOURCE (right,
// loaded into memory: O(right side)). See docs/commands.md.
import { parseAddress } from '../sources/address.js';
import { loadConfig } from '../sources/config.js';
import { EXIT, JnError } from '../kit/exit.js';
import { Output } from '../kit/io.js';
import { readRecords } from '../kit/records.js';
import { addressRecords } from '../sources/open.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'join',
  description: 'Hash join: stdin (left) streams through SOURCE (right), which is held in memory: O(right side).',
  arguments: [{ name: '<source>', description: 'the right side: any address (customers.csv, lookup.json.gz, ...)' }],
  options: [
    { flags: '--on <fields>', description: 'key field(s) with the same name on both sides; "a,b" for a composite key' },
    { flags: '--left-key <fields>', description: 'key field(s) of the left side (with --right-key)' },
    { flags: '--right-key <fields>', description: 'key field(s) of the right side (with --left-key)' },
    { flags: '--inner', description: 'drop left records that have no match (default: left join, unmatched records pass unchanged)' },
    { flags: '--indicator <name>', description: 'add field NAME: true when the left record matched, else false' },
    { flags: '--prefix <p>', description: 'flat output: name the right fields P+name (default: right fields are added, left wins a name clash)' },
    { flags: '--target <name>', description: 'one output per left record, with all matches as an array in field NAME' },
    { flags: '--agg <spec>', description: 'one output per left record with aggregates over its matches, e.g. "n: count(), total: sum(.amount)"' },
  ],
  helpAfter:
    'Memory: the right side is loaded into a hash map (warns past join.warn_rows records); the left side streams.\nRecords whose key is missing or null never match. Keys compare by JSON value: 1 and "1" differ.',
  stage: true,
  streams: true,
};

export function run({ args, opts }: Invocation): Promise<number> {
  return join(args[0] as string, opts as JoinOptions);
}

export interface JoinOptions {
  on?: string;
  leftKey?: string;
  rightKey?: string;
  inner?: boolean;
  indicator?: string;
  prefix?: string;
  target?: string;
  agg?: string;
}

type Rec = Record<string, unknown>;

/** Set a field without ever touching the prototype (a key may be "__proto__"). */
function setField(obj: Rec, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function splitKeys(text: string, what: string): string[] {
  const keys = text.split(',').map((k) => k.trim());
  if (keys.some((k) => k === '')) throw new JnError(`${what}: empty field name in ${JSON.stringify(text)}`, EXIT.USAGE);
  return keys;
}

/** The join key of a record, or undefined when a key field is missing or
 * null (such records never match, as in SQL). 1 and "1" are different keys. */
export function keyOf(rec: unknown, fields: string[]): unknown {
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) return undefined;
  const r = rec as Rec;
  if (fields.length === 1) {
    const v = Object.hasOwn(r, fields[0]) ? r[fields[0]] : undefined;
    if (v === undefined || v === null) return undefined;
    return typeof v === 'object' ? 'j' + JSON.stringify(v) : v;
  }
  const parts: unknown[] = [];
  for (const f of fields) {
    const v = Object.hasOwn(r, f) ? r[f] : undefined;
    if (v === undefined || v === null) return undefined;
    parts.push(v);
  }
  return 'c' + JSON.stringify(parts);
}

export interface JoinPlan {
  leftKeys: string[];
  rightKeys: string[];
  opts: JoinOptions;
  aggregate?: (matches: Rec[]) => Rec;
}

export function planJoin(opts: JoinOptions): JoinPlan {
  if (opts.on && (opts.leftKey || opts.rightKey)) throw new JnError('use either --on or --left-key/--right-key', EXIT.USAGE);
  let leftKeys: string[];
  let rightKeys: string[];
  if (opts.on) leftKeys = rightKeys = splitKeys(opts.on, '--on');
  else if (opts.leftKey && opts.rightKey) {
    leftKeys = splitKeys(opts.leftKey, '--left-key');
    rightKeys = splitKeys(opts.rightKey, '--right-key');
    if (leftKeys.length !== rightKeys.length) throw new JnError('--left-key and --right-key need the same number of fields', EXIT.USAGE);
  } else throw new JnError('say what to join on: --on FIELD[,FIELD...] or --left-key K --right-key K', EXIT.USAGE);
  const modes = [opts.target !== undefined, opts.agg !== undefined].filter(Boolean).length;
  if (modes > 1) throw new JnError('--target and --agg cannot be combined', EXIT.USAGE);
  if (opts.prefix !== undefined && modes) throw new JnError('--prefix applies to the flat output only (not with --target or --agg)', EXIT.USAGE);
  return { leftKeys, rightKeys, opts };
}

/** The output records for one left record and its matches. */
export function joinRecord(left: unknown, matches: Rec[] | undefined, plan: JoinPlan): Rec[] {
  const { opts } = plan;
  const matched = matches !== undefined && matches.length > 0;
  if (!matched && opts.inner) return [];
  if (left === null || typeof left !== 'object' || Array.isArray(left)) return matched || !opts.inner ? [left as Rec] : [];
  const base = left as Rec;
  const withIndicator = (r: Rec): Rec => {
    if (opts.indicator !== undefined) setField(r, opts.indicator, matched);
    return r;
  };
  if (opts.target !== undefined || opts.agg !== undefined) {
    const out: Rec = { ...base };
    if (opts.target !== undefined) setField(out, opts.target, matches ?? []);
    else for (const [k, v] of Object.entries(plan.aggregate!(matches ?? []))) setField(out, k, v);
    return [withIndicator(out)];
  }
  if (!matched) return [withIndicator({ ...base })];
  const rightKeySet = new Set(plan.rightKeys);
  return matches!.map((right) => {
    const out: Rec = { ...base };
    for (const k of Object.keys(right)) {
      if (rightKeySet.has(k)) continue;
      const name = opts.prefix !== undefined ? opts.prefix + k : k;
      if (!Object.hasOwn(out, name)) setField(out, name, right[k]);
    }
    return withIndicator(out);
  });
}

async function join(source: string, opts: JoinOptions): Promise<number> {
  const plan = planJoin(opts);
  if (opts.agg !== undefined) plan.aggregate = await compileAggregate(opts.agg);
  const warnAt = Number(loadConfig().get('join.warn_rows') ?? 1_000_000);
  const index = new Map<unknown, Rec[]>();
  let rows = 0;
  for await (const rec of addressRecords(parseAddress(source))) {
    rows++;
    if (rows === warnAt + 1) {
      process.stderr.write(`jn: join: warning: the right side (${source}) has more than ${warnAt} records and is held in memory (join.warn_rows in .jnrc)\n`);
    }
    const key = keyOf(rec, plan.rightKeys);
    if (key === undefined) continue;
    const list = index.get(key);
    if (list) list.push(rec as Rec);
    else index.set(key, [rec as Rec]);
  }
  const out = new Output(1);
  try {
    for (const [left] of readRecords(0)) {
      const key = keyOf(left, plan.leftKeys);
      for (const r of joinRecord(left, key === undefined ? undefined : index.get(key), plan)) out.write(JSON.stringify(r) + '\n');
    }
  } finally {
    out.flush();
  }
  return EXIT.OK;
}

/** `--agg "n: count(), total: sum(.amount)"`: the filter `{n: count(), ...}`
 * run with the array of a left record's matches as its input. */
async function compileAggregate(spec: string): Promise<(matches: Rec[]) => Rec> {
  const { compile, CompileError } = await import('../filter/index.js');
  let program: ReturnType<typeof compile>;
  try {
    program = compile(`{${spec}}`);
  } catch (err) {
    const detail = err instanceof CompileError ? err.message : (err as Error).message;
    throw new JnError(`--agg ${JSON.stringify(spec)}: ${detail}`, EXIT.USAGE);
  }
  return (matches) => {
    let out: Rec | undefined;
    try {
      program.run(matches as never, (v) => {
        out ??= v as Rec;
      });
    } catch (err) {
      throw new JnError(`--agg ${JSON.stringify(spec)}: ${(err as Error).message}`, EXIT.FILTER_RUNTIME);
    }
    return out ?? {};
  };
}
