// jsonl: JSON Lines / NDJSON files. Both directions check every line with
// JSON.parse and pass it on compacted (blanks outside strings removed, key
// order and numbers as written); blank lines are dropped. Line by line, so
// memory is flat.
import { copyLines } from '../src/formats/jsonl/modes.js';
import { ENCODING_OPTION } from '../src/kit/encoding.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'jsonl',
  version: '0.1.0',
  description: 'JSON Lines / NDJSON: validates each line and rewrites it compact, skipping blank lines',
  matches: ['\\.jsonl$', '\\.ndjson$'],
  role: 'format',
  modes: ['read', 'write'],
  options: [ENCODING_OPTION],
};

runPlugin(meta, { read: (options) => copyLines(options.str('encoding', 'utf-8')), write: () => copyLines() });
