// markdown: a Markdown document <-> NDJSON. read gives the front matter and
// the content (the original JN's shapes), the sections, or the rows of the
// pipe tables (?mode=tables, streamed); write gives a document back, or one
// pipe table for plain records. The logic lives in src/formats/markdown/.
import { read, write } from '../src/formats/markdown/modes.js';
import { ENCODING_OPTION } from '../src/kit/encoding.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'markdown',
  version: '0.1.0',
  description:
    'Markdown <-> NDJSON. read: {"type":"frontmatter",...fields} (YAML --- or TOML +++ block) then {"type":"content","content":"..."}; a document that is only a pipe table gives its rows; --mode=sections: heading/text/code records; --mode=tables: each row of every pipe table, keyed by its header (numbers and true/false typed). write: frontmatter/content/heading/text/code records as a document, plain records as one aligned pipe table',
  matches: ['\\.md$', '\\.markdown$'],
  role: 'format',
  modes: ['read', 'write'],
  buffers: {
    read: 'the content is one record and whether a document is only a table is known at its end, so the whole text is held (--mode=tables streams, holding one line)',
    write: 'the columns are the union of every record\'s keys and each is as wide as its widest cell, so all records are held until the end',
  },
  options: [
    {
      name: 'mode',
      description:
        'read: auto (default: front matter + content, or the rows of a document that is only a pipe table), document (front matter + content), sections (front matter, then heading, text and code records), tables (the rows of every pipe table)',
    },
    ENCODING_OPTION,
  ],
};

runPlugin(meta, { read, write });
