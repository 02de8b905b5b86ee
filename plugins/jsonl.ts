// jsonl: JSON Lines / NDJSON files. Both directions check every line with
// JSON.parse and write it back compact (JSON.stringify); blank lines are
// dropped. Line by line, so memory is flat.
import { parseJsonLine } from '../src/kit/json.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';
import { Output, readLines } from '../src/kit/io.js';

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
    for (const [line, lineNo] of readLines(0)) {
      if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) continue;
      out.write(JSON.stringify(parseJsonLine(line, lineNo)) + '\n');
    }
  } finally {
    out.flush();
  }
}

runPlugin(meta, { read: copyLines, write: copyLines });
