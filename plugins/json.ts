// json: a JSON document <-> NDJSON.
//
// read: a top-level array becomes one NDJSON line per element; any other
// input is a sequence of whitespace-separated JSON values, one line each. The
// array is scanned incrementally (src/formats/json/stream.ts), so memory stays
// flat however long it is: only the element being cut out is held.
// write: NDJSON becomes one JSON array, streamed out element by element
// (laid out with --pretty / --indent=N).
import { read, write } from '../src/formats/json/modes.js';
import { ENCODING_OPTION } from '../src/kit/encoding.js';
import { runPlugin, type Options, type PluginMeta } from '../src/kit/sdk.js';
import { UsageError } from '../src/kit/exit.js';

const meta: PluginMeta = {
  name: 'json',
  version: '0.1.0',
  description:
    'JSON documents: read streams the elements of a top-level array (or a sequence of concatenated values) out as NDJSON lines, holding one element at a time (so a single huge top-level object is held whole); write streams NDJSON into one JSON array',
  matches: ['\\.json$'],
  role: 'format',
  modes: ['read', 'write'],
  options: [
    { name: 'pretty', description: 'write: indent each array element with 2 spaces (default: one compact element per line)' },
    { name: 'indent', description: 'write: indent with N spaces (implies --pretty; 0: compact)' },
    ENCODING_OPTION,
  ],
};

/** --indent=N, else 2 with --pretty, else 0 (compact). */
function indentOf(options: Options): number {
  const n = options.int('indent', options.bool('pretty', false) ? 2 : 0);
  if (n < 0 || n > 16) throw new UsageError(`--indent: expected 0 to 16 spaces, got ${n}`);
  return n;
}

runPlugin(meta, {
  read: (options) => read(options.str('encoding', 'utf-8')),
  write: (options) => write(indentOf(options)),
});
