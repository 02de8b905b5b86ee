// The jsonl plugin's modes (plugins/jsonl.ts), wired to stdin and stdout.
import { Output } from '../../kit/io.js';
import { readRecords } from '../../kit/records.js';

export function copyLines(encoding?: string): void {
  const out = new Output(1, 1 << 20);
  try {
    for (const [value] of readRecords(0, undefined, encoding)) out.write(JSON.stringify(value) + '\n');
  } finally {
    out.flush();
  }
}
