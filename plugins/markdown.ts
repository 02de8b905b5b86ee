// markdown: GitHub pipe tables <-> NDJSON. read streams the rows of every
// table in the document; write buffers all records to lay out one table.
// The logic lives in src/formats/markdown/markdown.ts.
import { parseRecordLine } from '../src/formats/json/ordered.js';
import { MarkdownTableReader, MarkdownTableWriter } from '../src/formats/markdown/markdown.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';
import { Output, readLines } from '../src/kit/io.js';
import { readRecords } from '../src/kit/records.js';

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
  options: [],
};

function read(): void {
  const out = new Output(1, 1 << 16);
  const reader = new MarkdownTableReader((text) => out.write(text));
  try {
    for (const [line, lineNo] of readLines(0)) reader.line(line, lineNo);
  } finally {
    out.flush();
  }
}

function write(): void {
  const writer = new MarkdownTableWriter();
  for (const [value, lineNo] of readRecords(0, parseRecordLine)) writer.add(value, lineNo);
  const out = new Output(1, 1 << 16);
  out.write(writer.finish());
  out.flush();
}

runPlugin(meta, { read, write });
