// jn merge ADDR... — concatenate sources in order, each streaming.
//
// Annotation rule: when --annotate=source is given, or any address carries a
// label (`orders.csv:label=2024`), every record gets `_source` (the address
// it came from, after glob expansion) and records of a labelled address also
// get `_label`. These keys are added last and replace a field of the same
// name. A record that is not an object is wrapped as {"value": ...}. Without
// annotation, merge is `jn cat`: each chain writes straight to stdout.
import { type Address } from '../sources/address.js';
import { EXIT, JnError } from '../kit/exit.js';
import { Output } from '../kit/io.js';
import { cat } from './cat.js';
import { addressLines, expandAddresses } from '../sources/open.js';

export interface MergeOptions {
  annotate?: string;
}

const LABEL = /:label=([^:/]*)$/;

export function splitLabel(arg: string): { address: string; label?: string } {
  const m = LABEL.exec(arg);
  return m ? { address: arg.slice(0, m.index), label: m[1] } : { address: arg };
}

/** The record line with _source (and _label) added. */
export function annotate(line: string, source: string, label: string | undefined): string {
  const extra = `"_source":${JSON.stringify(source)}${label === undefined ? '' : `,"_label":${JSON.stringify(label)}`}`;
  if (line.startsWith('{') && line.endsWith('}') && !line.includes('"_source"') && !line.includes('"_label"')) {
    return line === '{}' ? `{${extra}}` : `${line.slice(0, -1)},${extra}}`;
  }
  let value: unknown = JSON.parse(line);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) value = { value };
  const rec = value as Record<string, unknown>;
  delete rec._source;
  delete rec._label;
  rec._source = source;
  if (label !== undefined) rec._label = label;
  return JSON.stringify(rec);
}

export async function merge(args: string[], opts: MergeOptions): Promise<number> {
  if (args.length === 0) throw new JnError('name at least one address', EXIT.USAGE);
  if (opts.annotate !== undefined && opts.annotate !== 'source') throw new JnError(`--annotate: expected "source", got ${JSON.stringify(opts.annotate)}`, EXIT.USAGE);
  const parts = args.map(splitLabel);
  const annotated = opts.annotate === 'source' || parts.some((p) => p.label !== undefined);
  if (!annotated) return cat(args);
  const sources: { addr: Address; label?: string }[] = [];
  for (const p of parts) for (const addr of expandAddresses([p.address])) sources.push({ addr, label: p.label });
  const out = new Output(1);
  for (const { addr, label } of sources) {
    const name = addr.isStdio ? '-' : addr.raw;
    for await (const line of addressLines(addr)) out.write(annotate(line, name, label) + '\n');
    out.flush();
  }
  return EXIT.OK;
}
