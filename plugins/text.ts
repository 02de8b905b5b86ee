// text: plain text and log files, a record per line ({"line": N, "text":
// "..."}), and records back to lines (their "text"). What `jn sh` reads a
// command's output with when jc does not know the command.
import { readText, writeText } from '../src/formats/text/modes.js';
import { ENCODING_OPTION } from '../src/kit/encoding.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'text',
  version: '0.1.0',
  description: 'Plain text: a record {"line": N, "text": "..."} per line; writes each record\'s "text" as a line',
  matches: ['\\.txt$', '\\.text$', '\\.log$'],
  role: 'format',
  modes: ['read', 'write'],
  options: [ENCODING_OPTION],
};

runPlugin(meta, { read: (options) => readText(options.str('encoding', 'utf-8')), write: () => writeText() });
