// The bundled `tsv` format plugin: the csv plugin's modes (src/formats/csv/
// modes.ts) with tab as the delimiter and the TSV convention by default (no
// quoting; \t \n \r \\ escapes): see src/formats/csv/options.ts.
import { csvModes } from '../src/formats/csv/modes.js';
import { ENCODING_OPTION } from '../src/kit/encoding.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'tsv',
  version: '0.1.0',
  description: 'tab-separated values (no quoting; \\t \\n \\r \\\\ escapes) <-> NDJSON',
  matches: ['\\.tsv$', '\\.tab$'],
  role: 'format',
  modes: ['read', 'write'],
  options: [
    { name: 'delimiter', description: 'field separator, one character (default tab); also tab, \\t, comma, semicolon, pipe, space' },
    { name: 'header', description: 'read: --no-header (--header=false) treats the first row as data, keys are column numbers "1", "2", ...; write: --no-header writes no header line' },
    { name: 'allow-ragged', description: 'read: a short row gets "" for its missing fields, extra fields get keys named by column number (default: such a row is an error)' },
    { name: 'strings', description: 'read: keep every value a string (no number/boolean typing); same as --infer=false' },
    { name: 'infer', description: 'read: type plain JSON number literals as numbers and true/false as booleans (default true; env JN_CSV_INFER=false turns it off, the option wins)' },
    { name: 'quote', description: 'RFC 4180 quoting, as csv (default false: quotes are text, and \\t \\n \\r \\\\ escapes are read and written, as Miller does)' },
    { name: 'relax-quotes', description: 'read: RFC 4180 quoting that keeps stray quotes (`"x"y`) as text (read by csv-parse)' },
    ENCODING_OPTION,
  ],
};

runPlugin(meta, csvModes('tsv'));
