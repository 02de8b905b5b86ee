// yaml: YAML streams <-> NDJSON. read cuts the stream into documents at the
// `---`/`...` markers and parses one document at a time (memory holds one
// document); write prints one document per record. The logic lives in
// src/formats/yaml/yaml.ts.
import { parseRecordLine } from '../src/formats/json/ordered.js';
import { YamlDocumentSplitter, yamlDocument, yamlRecords } from '../src/formats/yaml/yaml.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';
import { Output, readLines } from '../src/kit/io.js';
import { readRecords } from '../src/kit/records.js';

// The yaml library looks up process.env.LOG_TOKENS once per token; the real
// process.env is a slow accessor into the C++ environment, a plain copy makes
// parsing about 1.5x faster. (This process starts nothing that would need
// the live environment.)
process.env = { ...process.env };

const meta: PluginMeta = {
  name: 'yaml',
  version: '0.1.0',
  description:
    'YAML (1.2 core schema) <-> NDJSON. read: one record per document of a multi-document stream (a top-level sequence gives one record per item), documents parsed one at a time so memory holds one document; anchors, aliases and merge keys resolved; dates stay strings. write: one `---` document per record',
  matches: ['\\.ya?ml$'],
  role: 'format',
  modes: ['read', 'write'],
  options: [],
};

function read(): void {
  const out = new Output(1, 1 << 16);
  const splitter = new YamlDocumentSplitter((text, firstLine) =>
    yamlRecords(text, firstLine, (json) => out.write(json + '\n')),
  );
  try {
    for (const [line, lineNo] of readLines(0)) splitter.line(line, lineNo);
    splitter.end();
  } finally {
    out.flush(); // what was good before an error still goes downstream
  }
}

function write(): void {
  const out = new Output(1, 1 << 16);
  try {
    for (const [value] of readRecords(0, parseRecordLine)) out.write(yamlDocument(value)); // Maps: keys stay in order
  } finally {
    out.flush();
  }
}

runPlugin(meta, { read, write });
