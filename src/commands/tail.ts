// jn tail [-n N] — the last N records of stdin; keeps only N in memory. An
// upstream failure mark (kit/mark.ts) means the input has no real end: tail
// writes nothing and stops with the upstream's status.
import { Output, readLines } from '../kit/io.js';
import { EXIT } from '../kit/exit.js';
import type { CommandSpec, Invocation } from '../spec.js';
import { throwIfMarked } from '../kit/mark.js';

export const spec: CommandSpec = {
  name: 'tail',
  description: 'Pass the last N records (default 10); keeps only N records in memory.',
  arguments: [{ name: '[n]', description: 'number of records (same as -n)', kind: 'count' }],
  options: [{ flags: '-n, --lines <n>', description: 'number of records', kind: 'count' }],
  stage: true,
  streams: true,
};

export function run({ args, opts }: Invocation): number {
  return tail((opts.lines as number | undefined) ?? (args[0] as number | undefined) ?? 10);
}

function tail(n: number): number {
  if (n <= 0) {
    for (const [line] of readLines(0, 'utf-8')) throwIfMarked(line);
    return EXIT.OK;
  }
  const ring: string[] = new Array(n);
  let count = 0;
  for (const [line] of readLines(0, 'utf-8')) {
    if (line === '') continue;
    throwIfMarked(line); // tail does not parse its lines: look for the mark in each
    ring[count % n] = line;
    count++;
  }
  const out = new Output(1);
  const start = count > n ? count % n : 0;
  for (let i = 0; i < Math.min(count, n); i++) out.write(ring[(start + i) % n] + '\n');
  out.flush();
  return EXIT.OK;
}
