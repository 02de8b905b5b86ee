// The json plugin's modes (plugins/json.ts), wired to stdin and stdout.
import { JsonStreamScanner } from './stream.js';
import { parseJsonAt } from '../../kit/json.js';
import { Output, readUtf8 } from '../../kit/io.js';
import { readRecords } from '../../kit/records.js';

export function read(encoding = 'utf-8'): void {
  const out = new Output(1, 1 << 16);
  const scanner = new JsonStreamScanner((text, line, column) => {
    out.write(JSON.stringify(parseJsonAt(text, line, column)) + '\n');
  });
  try {
    for (const chunk of readUtf8(0, encoding)) scanner.push(chunk);
    scanner.end();
  } finally {
    out.flush(); // what was good before an error still goes downstream
  }
}

export function write(pretty: boolean): void {
  const out = new Output(1, 1 << 20);
  let first = true;
  for (const [value] of readRecords(0)) {
    if (pretty) {
      out.write(first ? '[\n  ' : ',\n  ');
      out.write(JSON.stringify(value, null, 2).replace(/\n/g, '\n  '));
    } else {
      out.write(first ? '[' : ',\n');
      out.write(JSON.stringify(value));
    }
    first = false;
  }
  out.write(first ? '[]\n' : pretty ? '\n]\n' : ']\n');
  out.flush();
}
