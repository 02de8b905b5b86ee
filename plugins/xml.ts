// xml: XML documents <-> NDJSON, streaming both ways (one record in memory).
// The mapping rules are in src/formats/xml/xml.ts and docs/formats.md.
import { read, write } from '../src/formats/xml/modes.js';
import { ENCODING_OPTION } from '../src/kit/encoding.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'xml',
  version: '0.1.0',
  description:
    'XML <-> NDJSON, streamed both ways. read: each record element (--record, default the children of the root) becomes an object: attributes as "@name", child elements by qualified name (repeated ones as arrays), text as the value itself or "#text"; all values are strings. write: <records><record>...</record></records> with the inverse mapping',
  matches: ['\\.xml$'],
  role: 'format',
  modes: ['read', 'write'],
  options: [
    {
      name: 'record',
      description:
        'read: name of the element that becomes a record, matched at any depth (not inside another record); `entry` also matches `atom:entry` (default: every child of the root element). write: name of each record element (default record)',
    },
    { name: 'root', description: 'write: name of the root element (default records)' },
    ENCODING_OPTION,
  ],
};

runPlugin(meta, { read, write });
