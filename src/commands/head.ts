// jn head [-n N] — the first N records of stdin, then exit at once so that
// upstream stages get SIGPIPE/EPIPE and stop: `jn cat 10GB.csv | jn head`
// ends in well under a second. Works on lines; never parses JSON.
import { readChunks, writeAll } from '../kit/io.js';
import { EXIT } from '../kit/exit.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'head',
  description: 'Pass the first N records (default 10), then stop so upstream ends at once.',
  arguments: [{ name: '[n]', description: 'number of records (same as -n)', kind: 'count' }],
  options: [{ flags: '-n, --lines <n>', description: 'number of records', kind: 'count' }],
  stage: true,
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
    if (left === 0) {
      writeAll(1, chunk.subarray(0, end + 1));
      return EXIT.OK;
    }
    writeAll(1, chunk);
  }
  return EXIT.OK;
}
