// xml: XML documents <-> NDJSON, streaming both ways (one record in memory).
// The mapping rules are in src/formats/xml/xml.ts and docs/formats.md.
import { XmlRecordReader, XmlWriter } from '../src/formats/xml/xml.js';
import { runPlugin, UsageError, type Options, type PluginMeta } from '../src/kit/sdk.js';
import { Output, readText } from '../src/kit/io.js';
import { readRecords } from '../src/kit/records.js';

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
  ],
};

function nameOption(options: Options, name: string): string | undefined {
  const v = options.str(name);
  if (v === '' || v === 'true') throw new UsageError(`--${name}: expected an element name, e.g. --${name}=item`);
  return v;
}

function read(options: Options): void {
  if (options.has('root')) throw new UsageError('--root is for write mode');
  const out = new Output(1, 1 << 16);
  const reader = new XmlRecordReader((rec) => out.write(JSON.stringify(rec) + '\n'), { record: nameOption(options, 'record') });
  try {
    for (const text of readText(0)) reader.push(text);
    reader.end();
  } finally {
    out.flush(); // records before an error still go downstream
  }
}

function write(options: Options): void {
  const writer = new XmlWriter(nameOption(options, 'root') ?? 'records', nameOption(options, 'record') ?? 'record');
  const out = new Output(1, 1 << 16);
  try {
    out.write(writer.begin());
    for (const [value, lineNo] of readRecords(0)) out.write(writer.record(value, lineNo));
    out.write(writer.end());
  } finally {
    out.flush();
  }
}

runPlugin(meta, { read, write });
