// yaml: YAML streams <-> NDJSON. read cuts the stream into documents at the
// `---`/`...` markers and parses one document at a time (memory holds one
// document); write prints one document per record. The logic lives in
// src/formats/yaml/ (yaml.ts, modes.ts).
import { read, write } from '../src/formats/yaml/modes.js';
import { ENCODING_OPTION } from '../src/kit/encoding.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'yaml',
  version: '0.1.0',
  description:
    'YAML (1.2 core schema) <-> NDJSON. read: one record per document of a multi-document stream (a top-level sequence gives one record per item), documents parsed one at a time so memory holds one document; anchors, aliases and merge keys resolved; dates stay strings. write: one `---` document per record',
  matches: ['\\.ya?ml$'],
  role: 'format',
  modes: ['read', 'write'],
  options: [ENCODING_OPTION],
};

runPlugin(meta, { read, write });
