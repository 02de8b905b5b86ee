// jn join SOURCE — hash join of stdin (left, streamed) with SOURCE (right,
// loaded into memory: O(right side)). See docs/commands.md. Records are
// parsed by kit/lossless: key order and numbers' text stay as they came.
import { parseAddress } from '../sources/address.js';
import { loadConfig } from '../sources/config.js';
import { DataError, EXIT, JnError } from '../kit/exit.js';
import { FailureError } from '../kit/failure.js';
import { Output } from '../kit/io.js';
import { isJsonNumber, numberKey, parseLossless, parseLosslessLine, stringifyLossless, toPlain, type Lossless, type LosslessObject } from '../kit/lossless.js';
import { readRecords } from '../kit/records.js';
import { typeName } from '../kit/text.js';
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
    { flags: '--strict', description: 'fail (status 3) on the first record, left or right, that is not an object or lacks a key field, instead of letting it through unmatched' },
  ],
  helpAfter:
    'Memory: the right side is loaded into a hash map (warns past join.warn_rows records); the left side streams.\nRecords whose key is missing or null never match (--strict: a record that is not an object or lacks a key field is an error). Keys compare by JSON value: 1 and "1" differ, 1 and 1.0 match.',
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
  strict?: boolean;
}

type Rec = LosslessObject;

function splitKeys(text: string, what: string): string[] {
  const keys = text.split(',').map((k) => k.trim());
  if (keys.some((k) => k === '')) throw new JnError(`${what}: empty field name in ${JSON.stringify(text)}`, EXIT.USAGE);
  return keys;
}

/** One key value as text that is equal exactly when the JSON values are:
 * numbers by their exact value (`1` = `1.0`, two 20-digit IDs differ by
 * their last digit), `1` and `"1"` differ. */
function keyPart(v: Lossless): string {
  if (typeof v === 'string') return 's' + v;
  if (isJsonNumber(v)) return 'n' + numberKey(v);
  return 'j' + stringifyLossless(v);
}

/** The join key of a record, or undefined when a key field is missing or
 * null (such records never match, as in SQL). */
function keyOf(rec: Lossless, fields: string[]): string | undefined {
  if (!(rec instanceof Map)) return undefined;
  if (fields.length === 1) {
    const v = rec.get(fields[0]);
    return v === undefined || v === null ? undefined : keyPart(v);
  }
  const parts: string[] = [];
  for (const f of fields) {
    const v = rec.get(f);
    if (v === undefined || v === null) return undefined;
    parts.push(keyPart(v));
  }
  return 'c' + JSON.stringify(parts);
}

/** Why --strict refuses a record (not an object, or a key field missing),
 * or undefined when it can take part in the join. A null key is a value:
 * it passes (and matches nothing). */
function strictProblem(rec: Lossless, fields: string[]): string | undefined {
  if (!(rec instanceof Map)) return `expected a JSON object, got ${typeName(toPlain(rec))} (--strict)`;
  const missing = fields.find((f) => !rec.has(f));
  return missing === undefined ? undefined : `missing join key ${JSON.stringify(missing)} (--strict)`;
}

export interface JoinPlan {
  leftKeys: string[];
  rightKeys: string[];
  opts: JoinOptions;
  aggregate?: (matches: Rec[]) => Record<string, unknown>;
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
function joinRecord(left: Lossless, matches: Rec[] | undefined, plan: JoinPlan): Lossless[] {
  const { opts } = plan;
  const matched = matches !== undefined && matches.length > 0;
  if (!matched && opts.inner) return [];
  if (!(left instanceof Map)) return [left];
  const withIndicator = (r: Rec): Rec => {
    if (opts.indicator !== undefined) r.set(opts.indicator, matched);
    return r;
  };
  if (opts.target !== undefined || opts.agg !== undefined) {
    const out: Rec = new Map(left);
    if (opts.target !== undefined) out.set(opts.target, matches ?? []);
    else for (const [k, v] of Object.entries(plan.aggregate!(matches ?? []))) out.set(k, v as Lossless);
    return [withIndicator(out)];
  }
  if (!matched) return [withIndicator(new Map(left))];
  const rightKeySet = new Set(plan.rightKeys);
  return matches!.map((right) => {
    const out: Rec = new Map(left);
    for (const [k, v] of right) {
      if (rightKeySet.has(k)) continue;
      const name = opts.prefix !== undefined ? opts.prefix + k : k;
      if (!out.has(name)) out.set(name, v);
    }
    return withIndicator(out);
  });
}

async function join(source: string, opts: JoinOptions): Promise<number> {
  const plan = planJoin(opts);
  if (opts.agg !== undefined) plan.aggregate = await compileAggregate(opts.agg);
  const warnAt = Number(loadConfig().get('join.warn_rows') ?? 1_000_000);
  // The right records are held as their lines (a parsed record takes about
  // three times the memory) and parsed again when they match.
  const index = new Map<string, string[]>();
  let rows = 0;
  for await (const [rec, line] of rightRecords(source)) {
    rows++;
    const problem = opts.strict ? strictProblem(rec, plan.rightKeys) : undefined;
    if (problem) throw new FailureError({ stage: 'join', source, reason: `record ${rows}: ${problem}`, status: EXIT.DATA });
    if (rows === warnAt + 1) {
      process.stderr.write(`jn: join: warning: the right side (${source}) has more than ${warnAt} records and is held in memory (join.warn_rows in .jnrc)\n`);
    }
    const key = keyOf(rec, plan.rightKeys);
    if (key === undefined) continue;
    const list = index.get(key);
    if (list) list.push(line);
    else index.set(key, [line]);
  }
  /** The right records of a key, parsed again (keyOf gives only objects a key). */
  const matchesOf = (key: string): Rec[] | undefined => index.get(key)?.map((line) => parseLossless(line) as Rec);
  const out = new Output(1);
  try {
    for (const [value, lineNo] of readRecords(0, parseLosslessLine)) {
      const left = value as Lossless;
      const problem = opts.strict ? strictProblem(left, plan.leftKeys) : undefined;
      if (problem) throw new DataError(problem, lineNo);
      const key = keyOf(left, plan.leftKeys);
      for (const r of joinRecord(left, key === undefined ? undefined : matchesOf(key), plan)) out.write(stringifyLossless(r) + '\n');
    }
  } finally {
    out.flush();
  }
  return EXIT.OK;
}

/** The right side's records and their lines; a record it cannot parse is
 * named by the address, not by stdin. */
async function* rightRecords(source: string): AsyncGenerator<[Lossless, string]> {
  try {
    yield* addressRecords(parseAddress(source));
  } catch (err) {
    throw err instanceof DataError ? new FailureError({ stage: 'join', source, reason: err.located(), status: EXIT.DATA }) : err;
  }
}

/** `--agg "n: count(), total: sum(.amount)"`: the filter `{n: count(), ...}`
 * run with the array of a left record's matches as its input. */
async function compileAggregate(spec: string): Promise<(matches: Rec[]) => Record<string, unknown>> {
  const { compile, CompileError } = await import('../filter/index.js');
  let program: ReturnType<typeof compile>;
  try {
    program = compile(`{${spec}}`);
  } catch (err) {
    const detail = err instanceof CompileError ? err.message : (err as Error).message;
    throw new JnError(`--agg ${JSON.stringify(spec)}: ${detail}`, EXIT.USAGE);
  }
  return (matches) => {
    let out: Record<string, unknown> | undefined;
    try {
      program.run(matches.map(toPlain) as never, (v) => {
        out ??= v as Record<string, unknown>;
      });
    } catch (err) {
      throw new JnError(`--agg ${JSON.stringify(spec)}: ${(err as Error).message}`, EXIT.FILTER_RUNTIME);
    }
    return out ?? {};
  };
}
