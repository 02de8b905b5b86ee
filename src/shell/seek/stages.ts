// The processes that read a seekable source from a record boundary on:
// `jn seek range FILE --from BYTE --header-bytes N` writes the header, then
// the file from BYTE on (optionally skipping rows first), and its stdout is
// the stdin of the same plugin chain the shell uses for the whole file
// (src/sources/plans.ts). The shell copies no bytes: the range process reads
// the file and blocks on the pipe like any stage.
import { parseAddress } from '../../sources/address.js';
import { readPlan } from '../../sources/plans.js';
import { nodeStage } from '../../pipeline/node.js';
import type { Stage } from '../../pipeline/spawn.js';
import { jnBin } from '../source-stages.js';
import { rulesArg } from './rules.js';
import type { Seekable } from './source.js';

interface FromOptions {
  /** Rows to skip after `byte` before the first one written (exact, by the
   * CSV quote rules): an index position plus the rows to the one wanted. */
  skipRows?: number;
}

/** The stages (and their stdin) that read the source from `byte` on. */
export function stagesFrom(src: Seekable, byte: number, opts: FromOptions = {}): { stages: Stage[]; stdin: number | 'ignore'; closeAfterSpawn: number[] } {
  const addr = parseAddress(src.source);
  const args = ['seek', 'range', src.path, `--from=${Math.max(byte, src.headerBytes)}`, `--header-bytes=${src.headerBytes}`];
  if (opts.skipRows) args.push(`--skip-rows=${opts.skipRows}`, `--rules=${rulesArg(src.rules)}`);
  const range: Stage = { label: 'seek range', source: src.source, ...nodeStage(jnBin(), args), kind: 'jn' };
  // The delimiter the start of the file decided, named: the rows after the
  // offset must not decide another one.
  const named = src.format === 'ndjson' || addr.params.some(([k]) => k === 'delimiter');
  const delimiter = `--delimiter=${String.fromCharCode(src.rules.delimiter)}`;
  const stages = readPlan(addr).stages.map((s) => (named ? s : { ...s, args: [...s.args, delimiter] }));
  return { stages: [range, ...stages], stdin: 'ignore', closeAfterSpawn: [] };
}
