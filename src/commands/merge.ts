// jn merge ADDR... — concatenate sources in order, each streaming.
//
// Annotation rule: when --annotate=source is given, or any address carries a
// label (`orders.csv:label=2024`), every record gets `_source` (the address
// it came from, after glob expansion) and records of a labelled address also
// get `_label`. These keys are added last and replace a field of the same
// name. A record that is not an object is wrapped as {"value": ...}. The
// rest of a record stays as it came (key order, numbers' text: kit/lossless).
// Without annotation, merge is `jn cat`: each chain writes straight to stdout.
import { type Address } from '../sources/address.js';
import { DataError, EXIT, JnError } from '../kit/exit.js';
import { FailureError } from '../kit/failure.js';
import { Output } from '../kit/io.js';
import { parseLosslessLine, stringifyLossless, type LosslessObject } from '../kit/lossless.js';
import { addressLines, catAddresses, expandAddresses } from '../sources/open.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'merge',
  description: 'Concatenate sources in order, each streaming; optionally tag records with _source/_label.',
  arguments: [{ name: '<address...>', description: 'addresses or globs; ADDR:label=NAME tags its records with _label' }],
  options: [{ flags: '--annotate <what>', description: '"source": add _source (the address) to every record' }],
  helpAfter: 'Rule: with --annotate=source or any :label=, every record gets _source, and records of a labelled address get _label.',
  stage: true,
  streams: true,
};

export function run({ args, opts }: Invocation): Promise<number> {
  return merge(args[0] as string[], opts as MergeOptions);
}

interface MergeOptions {
  annotate?: string;
}

const LABEL = /:label=([^:/]*)$/;

function splitLabel(arg: string): { address: string; label?: string } {
  const m = LABEL.exec(arg);
  return m ? { address: arg.slice(0, m.index), label: m[1] } : { address: arg };
}

/** The record line with _source (and _label) added. */
function annotate(line: string, lineNo: number, source: string, label: string | undefined): string {
  const extra = `"_source":${JSON.stringify(source)}${label === undefined ? '' : `,"_label":${JSON.stringify(label)}`}`;
  if (line.startsWith('{') && line.endsWith('}') && !line.includes('"_source"') && !line.includes('"_label"')) {
    return line === '{}' ? `{${extra}}` : `${line.slice(0, -1)},${extra}}`;
  }
  const value = parseLosslessLine(line, lineNo);
  const rec: LosslessObject = value instanceof Map ? value : new Map([['value', value]]);
  rec.delete('_source');
  rec.delete('_label');
  rec.set('_source', source);
  if (label !== undefined) rec.set('_label', label);
  return stringifyLossless(rec);
}

async function merge(args: string[], opts: MergeOptions): Promise<number> {
  if (args.length === 0) throw new JnError('name at least one address', EXIT.USAGE);
  if (opts.annotate !== undefined && opts.annotate !== 'source') throw new JnError(`--annotate: expected "source", got ${JSON.stringify(opts.annotate)}`, EXIT.USAGE);
  const parts = args.map(splitLabel);
  const annotated = opts.annotate === 'source' || parts.some((p) => p.label !== undefined);
  if (!annotated) return catAddresses(args);
  const sources: { addr: Address; label?: string }[] = [];
  for (const p of parts) for (const addr of expandAddresses([p.address])) sources.push({ addr, label: p.label });
  const out = new Output(1);
  for (const { addr, label } of sources) {
    const name = addr.isStdio ? '-' : addr.raw;
    let lineNo = 0;
    try {
      for await (const line of addressLines(addr)) out.write(annotate(line, ++lineNo, name, label) + '\n');
    } catch (err) {
      throw err instanceof DataError ? new FailureError({ stage: 'merge', source: name, reason: err.located(), status: EXIT.DATA }) : err;
    } finally {
      out.flush(); // the records before an error still go downstream
    }
  }
  return EXIT.OK;
}
