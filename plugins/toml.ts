// toml: a TOML document <-> NDJSON. TOML is one table, so both directions
// hold the whole input (see `buffers`). The logic lives in src/formats/toml/.
import { read, write } from '../src/formats/toml/modes.js';
import { ENCODING_OPTION } from '../src/kit/encoding.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'toml',
  version: '0.1.0',
  description:
    'TOML (v1.0, smol-toml) <-> NDJSON. read: the whole document is one record (dates/times as ISO strings); write: one record is written as the document, several as an array of tables [[records]]; TOML has no null, so nulls are dropped',
  matches: ['\\.toml$'],
  role: 'format',
  modes: ['read', 'write'],
  buffers: {
    read: 'a TOML document is one table that may be reopened anywhere ([a] ... [b] ... [a.c]), so the whole text is parsed at once',
    write: 'one record is written as the document and several as [[records]], which is only known at the end; all records are held',
  },
  options: [
    {
      name: 'array',
      description:
        'read: emit each table of the top-level array KEY as a record (instead of the whole document as one); write: always write records as the array of tables [[KEY]], even one (default: one record -> the document, several -> [[records]])',
    },
    ENCODING_OPTION,
  ],
};

runPlugin(meta, { read, write });
