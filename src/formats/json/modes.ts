// The json plugin's modes (plugins/json.ts), wired to stdin and stdout.
// Elements and records are checked and passed on compacted (blanks outside
// strings removed), never rebuilt: key order and numbers' text stay as
// written; --pretty lays that text out with indents (kit/lossless.ts).
import { JsonStreamScanner } from './stream.js';
import { parseJsonAt } from '../../kit/json.js';
import { Output, readUtf8 } from '../../kit/io.js';
import { compactJson, compactLine, indentJson } from '../../kit/lossless.js';
import { readRecords } from '../../kit/records.js';

export function read(encoding = 'utf-8'): void {
  const out = new Output(1, 1 << 16);
  const scanner = new JsonStreamScanner((text, line, column) => {
    parseJsonAt(text, line, column); // checks it, naming where the element starts
    out.write(compactJson(text) + '\n');
  });
  try {
    for (const chunk of readUtf8(0, encoding)) scanner.push(chunk);
    scanner.end();
  } finally {
    out.flush(); // what was good before an error still goes downstream
  }
}

/** indent: spaces per level of a laid-out array (0: one compact element a line). */
export function write(indent: number): void {
  const out = new Output(1, 1 << 20);
  const pad = ' '.repeat(indent);
  const pretty = indent > 0;
  let first = true;
  for (const [value] of readRecords(0, compactLine)) {
    if (pretty) {
      out.write(first ? `[\n${pad}` : `,\n${pad}`);
      out.write(indentJson(value as string, indent, pad));
    } else {
      out.write(first ? '[' : ',\n');
      out.write(value as string);
    }
    first = false;
  }
  out.write(first ? '[]\n' : pretty ? '\n]\n' : ']\n');
  out.flush();
}
