// jsonl: JSON Lines / NDJSON files. Both directions check every line with
// JSON.parse and write it back compact (JSON.stringify); blank lines are
// dropped. Line by line, so memory is flat.
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';
import { Output } from '../src/kit/io.js';
import { readRecords } from '../src/kit/records.js';

const meta: PluginMeta = {
  name: 'jsonl',
  version: '0.1.0',
  description: 'JSON Lines / NDJSON: validates each line and rewrites it compact, skipping blank lines',
  matches: ['\\.jsonl$', '\\.ndjson$'],
  role: 'format',
  modes: ['read', 'write'],
  options: [],
};

function copyLines(): void {
  const out = new Output(1, 1 << 20);
  try {
    for (const [value] of readRecords(0)) out.write(JSON.stringify(value) + '\n');
  } finally {
    out.flush();
  }
}

runPlugin(meta, { read: copyLines, write: copyLines });
