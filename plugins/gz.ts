// gz: gzip compression, bytes <-> bytes. read/raw decompress stdin to stdout
// (every member of a multi-member file), write compresses; streamed, see
// src/formats/gz/gz.ts.
import { compress, decompress } from '../src/formats/gz/gz.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'gz',
  version: '0.1.0',
  description: 'gzip: read/raw decompress (all members of a multi-member file), write compresses',
  matches: ['\\.gz$'],
  role: 'compression',
  modes: ['read', 'write', 'raw'],
  options: [{ name: 'level', description: 'write: compression level 1 (fastest) to 9 (smallest), default 6' }],
};

runPlugin(meta, { read: decompress, raw: decompress, write: compress });
