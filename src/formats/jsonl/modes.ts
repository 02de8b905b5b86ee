// The jsonl plugin's modes (plugins/jsonl.ts), wired to stdin and stdout.
// A line is checked and passed on without its blanks outside strings
// (kit/lossless compactLine): it is never rebuilt, so key order, numbers'
// text and escapes stay as written.
import { Output } from '../../kit/io.js';
import { compactLine } from '../../kit/lossless.js';
import { readRecords } from '../../kit/records.js';

export function copyLines(): void {
  const out = new Output(1, 1 << 20);
  try {
    for (const [line] of readRecords(0, compactLine)) out.write((line as string) + '\n');
  } finally {
    out.flush();
  }
}
