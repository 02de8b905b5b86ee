// The bundled `csv` format plugin: CSV bytes <-> NDJSON (logic in
// src/formats/csv/, modes shared with tsv in src/formats/csv/modes.ts).
import { csvModes } from '../src/formats/csv/modes.js';
import { ENCODING_OPTION } from '../src/kit/encoding.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'csv',
  version: '0.1.0',
  description: 'comma-separated values (RFC 4180 quoting) <-> NDJSON',
  matches: ['\\.csv$'],
  role: 'format',
  modes: ['read', 'write'],
  options: [
    { name: 'delimiter', description: 'field separator, one character (default ,); also tab, \\t, comma, semicolon, pipe, space' },
    { name: 'header', description: 'read: --no-header (--header=false) treats the first row as data, keys are column numbers "1", "2", ...; write: --no-header writes no header line' },
    { name: 'allow-ragged', description: 'read: a short row gets "" for its missing fields, extra fields get keys named by column number (default: such a row is an error)' },
    { name: 'strings', description: 'read: keep every value a string (no number/boolean typing); same as --infer=false' },
    { name: 'infer', description: 'read: type plain JSON number literals as numbers and true/false as booleans (default true; env JN_CSV_INFER=false turns it off, the option wins)' },
    ENCODING_OPTION,
  ],
};

runPlugin(meta, csvModes(','));
