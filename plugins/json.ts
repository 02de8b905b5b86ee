// json: a JSON document <-> NDJSON.
//
// read: a top-level array becomes one NDJSON line per element; any other
// input is a sequence of whitespace-separated JSON values, one line each. The
// array is scanned incrementally (src/formats/json/stream.ts), so memory stays
// flat however long it is: only the element being cut out is held.
// write: NDJSON becomes one JSON array, streamed out element by element.
import { JsonStreamScanner } from '../src/formats/json/stream.js';
import { parseJsonAt } from '../src/kit/json.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';
import { Output, readChunks } from '../src/kit/io.js';
import { readRecords } from '../src/kit/records.js';

const meta: PluginMeta = {
  name: 'json',
  version: '0.1.0',
  description:
    'JSON documents: read streams the elements of a top-level array (or a sequence of concatenated values) out as NDJSON lines, holding one element at a time (so a single huge top-level object is held whole); write streams NDJSON into one JSON array',
  matches: ['\\.json$'],
  role: 'format',
  modes: ['read', 'write'],
  options: [{ name: 'pretty', description: 'write: indent each array element with 2 spaces (default: one compact element per line)' }],
};

function read(): void {
  const out = new Output(1, 1 << 16);
  const scanner = new JsonStreamScanner((text, line, column) => {
    out.write(JSON.stringify(parseJsonAt(text, line, column)) + '\n');
  });
  try {
    for (const chunk of readChunks(0)) scanner.push(chunk);
    scanner.end();
  } finally {
    out.flush(); // what was good before an error still goes downstream
  }
}

function write(pretty: boolean): void {
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

runPlugin(meta, {
  read: () => read(),
  write: (options) => write(options.bool('pretty', false)),
});
