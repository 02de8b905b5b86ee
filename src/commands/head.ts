// jn head [-n N] — the first N records of stdin, then exit at once so that
// upstream stages get SIGPIPE/EPIPE and stop: `jn cat 10GB.csv | jn head`
// ends in well under a second. Works on lines; never parses JSON. An
// upstream failure mark (kit/mark.ts) within the first N records stops it
// with the upstream's status; one after them is never read: head's output
// is complete without it.
import { readChunks, writeAll } from '../kit/io.js';
import { FailureError } from '../kit/failure.js';
import { EXIT } from '../kit/exit.js';
import type { CommandSpec, Invocation } from '../spec.js';
import { failureOfMarkedBytes, markedLineStart } from '../kit/mark.js';

export const spec: CommandSpec = {
  name: 'head',
  description: 'Pass the first N records (default 10), then stop so upstream ends at once.',
  arguments: [{ name: '[n]', description: 'number of records (same as -n)', kind: 'count' }],
  options: [{ flags: '-n, --lines <n>', description: 'number of records', kind: 'count' }],
  stage: true,
  streams: true,
};

export function run({ args, opts }: Invocation): number {
  return head((opts.lines as number | undefined) ?? (args[0] as number | undefined) ?? 10);
}

function head(n: number): number {
  if (n <= 0) return EXIT.OK;
  let left = n;
  for (const chunk of readChunks(0)) {
    let end = -1;
    let from = 0;
    while (left > 0) {
      const nl = chunk.indexOf(10, from);
      if (nl === -1) break;
      left--;
      end = nl;
      from = nl + 1;
    }
    const take = left === 0 ? end + 1 : chunk.length;
    const marked = markedLineStart(chunk, take);
    if (marked !== -1) {
      writeAll(1, chunk.subarray(0, marked));
      throw new FailureError(failureOfMarkedBytes(chunk.subarray(marked)));
    }
    writeAll(1, chunk.subarray(0, take));
    if (left === 0) return EXIT.OK;
  }
  return EXIT.OK;
}
