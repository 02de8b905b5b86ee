// markdown: GitHub pipe tables <-> NDJSON. read streams the rows of every
// table in the document; write buffers all records to lay out one table.
// The logic lives in src/formats/markdown/ (markdown.ts, modes.ts).
import { read, write } from '../src/formats/markdown/modes.js';
import { ENCODING_OPTION } from '../src/kit/encoding.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'markdown',
  version: '0.1.0',
  description:
    'Markdown pipe tables (GitHub) <-> NDJSON. read: each row of every table in the document, in order, keyed by its table\'s header; cells that are plain number literals become numbers, the rest strings (\\| unescaped, <br> a newline). write: one aligned table, number columns right-aligned',
  matches: ['\\.md$', '\\.markdown$'],
  role: 'format',
  modes: ['read', 'write'],
  buffers: {
    write: 'the columns are the union of every record\'s keys and each is as wide as its widest cell, so all records are held until the end',
  },
  options: [ENCODING_OPTION],
};

runPlugin(meta, { read, write });
