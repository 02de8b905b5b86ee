// toml: a TOML document <-> NDJSON. TOML is one table, so both directions
// hold the whole input (see `buffers`). The logic lives in src/formats/toml/toml.ts.
import { TomlWriter, tomlToNdjson } from '../src/formats/toml/toml.js';
import { runPlugin, UsageError, type Options, type PluginMeta } from '../src/kit/sdk.js';
import { Output, readText } from '../src/kit/io.js';
import { readRecords } from '../src/kit/records.js';

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
  ],
};

function arrayOption(options: Options): string | undefined {
  const key = options.str('array');
  if (key === '' || key === 'true') throw new UsageError('--array: expected a key name, e.g. --array=records');
  return key;
}

function read(options: Options): void {
  const key = arrayOption(options);
  let text = '';
  for (const chunk of readText(0)) text += chunk;
  const out = new Output(1, 1 << 16);
  try {
    out.write(tomlToNdjson(text, key));
  } finally {
    out.flush();
  }
}

function write(options: Options): void {
  const writer = new TomlWriter(arrayOption(options));
  for (const [value, lineNo] of readRecords(0)) writer.add(value, lineNo);
  const out = new Output(1, 1 << 16);
  out.write(writer.finish());
  out.flush();
}

runPlugin(meta, { read, write });
