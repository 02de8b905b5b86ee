// jn merge ADDR... — concatenate sources in order, each streaming.
//
// Annotation rule (JN's default): every record gets `_source` (the address
// it came from, after glob expansion) as its first key, and records of a
// labelled address (`orders.csv:label=2024`) get `_label` after it; a field
// of the same name in the record is replaced. `--no-source` leaves
// `_source` out. A record that is not an object is wrapped as
// {"value": ...}. The rest of a record stays as it came (key order,
// numbers' text: kit/lossless). With nothing to add, each chain writes
// straight to stdout, as `jn cat`.
//
// A source that fails (missing, bad data) is reported on stderr when it
// fails and the others are still read; merge then ends with the first
// failure's status (and the failure mark, so `jn put` keeps its file).
// `--fail-fast` stops at the first failure.
import { type Address } from '../sources/address.js';
import { DataError, EXIT, JnError } from '../kit/exit.js';
import { FailureError, reportError } from '../kit/failure.js';
import { Output } from '../kit/io.js';
import { fieldsText, prefixRecord } from '../kit/prefix.js';
import { addressLines, catAddress, expandAddresses } from '../sources/open.js';
import { readPlan } from '../sources/plans.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'merge',
  description: 'Concatenate sources in order, each streaming; records tagged with _source (and _label) first.',
  arguments: [{ name: '<address...>', description: 'addresses or globs; ADDR:label=NAME tags its records with _label' }],
  options: [
    { flags: '--no-source', description: 'do not add _source (labels still add _label)' },
    { flags: '--fail-fast', description: 'stop at the first source that fails (default: report it, read the others, exit non-zero at the end)' },
    { flags: '--annotate <what>', description: '"source": add _source (the default; kept for older scripts)' },
  ],
  helpAfter: 'Rule: every record gets _source (the address) as its first key, then _label for a labelled address.',
  stage: true,
  streams: true,
};

export function run({ args, opts }: Invocation): Promise<number> {
  return merge(args[0] as string[], opts as MergeOptions);
}

interface MergeOptions {
  source?: boolean;
  failFast?: boolean;
  annotate?: string;
}

const LABEL = /:label=([^:/]*)$/;

function splitLabel(arg: string): { address: string; label?: string } {
  const m = LABEL.exec(arg);
  return m ? { address: arg.slice(0, m.index), label: m[1] } : { address: arg };
}

/** One source's records, tagged, to stdout; a bad record ends it. */
async function tagged(addr: Address, name: string, tags: [string, string][], out: Output): Promise<void> {
  const prefix = fieldsText(tags);
  const keys = tags.map(([k]) => k);
  let lineNo = 0;
  try {
    for await (const line of addressLines(addr)) out.write(prefixRecord(line, ++lineNo, prefix, keys) + '\n');
  } catch (err) {
    throw err instanceof DataError ? new FailureError({ stage: 'merge', source: name, reason: err.located(), status: EXIT.DATA }) : err;
  } finally {
    out.flush(); // the records before an error still go downstream
  }
}

async function merge(args: string[], opts: MergeOptions): Promise<number> {
  if (args.length === 0) throw new JnError('name at least one address', EXIT.USAGE);
  if (opts.annotate !== undefined && opts.annotate !== 'source') throw new JnError(`--annotate: expected "source", got ${JSON.stringify(opts.annotate)}`, EXIT.USAGE);
  const withSource = opts.source !== false;
  // Every address is resolved before any is read: a typo fails fast.
  const sources: { addr: Address; label?: string }[] = [];
  for (const p of args.map(splitLabel)) for (const addr of expandAddresses([p.address])) sources.push({ addr, label: p.label });
  for (const { addr } of sources) readPlan(addr); // an unknown format or option throws here
  const out = new Output(1);
  let status: number = EXIT.OK;
  for (const { addr, label } of sources) {
    const name = addr.isStdio ? '-' : addr.raw;
    const tags: [string, string][] = [];
    if (withSource) tags.push(['_source', name]);
    if (label !== undefined) tags.push(['_label', label]);
    let code: number;
    try {
      code = tags.length ? (await tagged(addr, name, tags, out), EXIT.OK) : await catAddress(addr);
    } catch (err) {
      code = reportError('merge', err);
    }
    if (code === EXIT.OK) continue;
    if (status === EXIT.OK) status = code;
    if (opts.failFast) break;
  }
  return status;
}
