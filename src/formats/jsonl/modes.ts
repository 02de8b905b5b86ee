// The jsonl plugin's modes (plugins/jsonl.ts), wired to stdin and stdout:
// each line is checked and passed on compacted (kit/lossless.ts), never
// rebuilt. Reading honours --on-error (kit/onerror.ts): a line that is not
// valid JSON is left out (and reported) instead of ending the read.
import { DataError } from '../../kit/exit.js';
import { Output } from '../../kit/io.js';
import { compactLine } from '../../kit/lossless.js';
import { throwIfMarked } from '../../kit/mark.js';
import { BadRecords } from '../../kit/onerror.js';
import { readRecords } from '../../kit/records.js';

export function copyLines(encoding?: string): void {
  const out = new Output(1, 1 << 20);
  const bad = new BadRecords('jsonl read');
  const parse =
    bad.mode === 'fail'
      ? compactLine
      : (line: string, lineNo: number): string | undefined => {
          try {
            return compactLine(line, lineNo);
          } catch (err) {
            throwIfMarked(line); // an upstream failure is not a bad record
            if (!(err instanceof DataError)) throw err;
            bad.bad(err);
            return undefined;
          }
        };
  try {
    for (const [line] of readRecords(0, parse, encoding)) if (line !== undefined) out.write((line as string) + '\n');
  } finally {
    out.flush();
  }
  const summary = bad.summary();
  if (summary) process.stderr.write(summary + '\n');
}
