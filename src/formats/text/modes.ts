// The text plugin's modes (plugins/text.ts): plain text as records and back.
// read: each line is {"line": N, "text": "..."} (N from 1; a trailing CR is
//       dropped; UTF-8 checked, or --encoding); lines stream as they come,
//       so `tail -f` through it shows lines at once.
// write: each record's "text" string (or a string value itself) as a line;
//        any other value as its compact JSON.
import { Output, readLines } from '../../kit/io.js';
import { parseLosslessLine, stringifyLossless } from '../../kit/lossless.js';
import { throwIfMarkedStrict } from '../../kit/mark.js';
import { readRecords } from '../../kit/records.js';

export function readText(encoding?: string): void {
  const out = new Output(1);
  try {
    for (const [line, lineNo] of readLines(0, encoding)) {
      // a failing jn stage before this one ends its output with the mark
      if (line.charCodeAt(0) === 0x18) throwIfMarkedStrict(line);
      out.write(`{"line":${lineNo},"text":${JSON.stringify(line)}}\n`);
    }
  } finally {
    out.flush();
  }
}

export function writeText(): void {
  const out = new Output(1);
  try {
    for (const [value] of readRecords(0, parseLosslessLine)) {
      const text = value instanceof Map ? value.get('text') : value;
      out.write((typeof text === 'string' ? text : stringifyLossless(value)) + '\n');
    }
  } finally {
    out.flush();
  }
}
