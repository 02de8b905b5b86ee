// The bundled `csv` format plugin: CSV bytes <-> NDJSON (logic in
// src/formats/csv/, modes shared with tsv in src/formats/csv/modes.ts).
import { csvModes } from '../src/formats/csv/modes.js';
import { ENCODING_OPTION } from '../src/kit/encoding.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'csv',
  version: '0.1.0',
  description: 'comma-separated values (RFC 4180 quoting; delimiter detected) <-> NDJSON',
  matches: ['\\.csv$'],
  role: 'format',
  modes: ['read', 'write'],
  options: [
    { name: 'delimiter', description: 'field separator, one character (default: a sep= first line, else detected from the first rows: , tab ; or |, else ,); also tab, \\t, comma, semicolon, pipe, space' },
    { name: 'header', description: 'read: --no-header (--header=false) treats the first row as data, keys are column numbers "1", "2", ...; write: --no-header writes no header line' },
    { name: 'allow-ragged', description: 'read: a short row gets "" for its missing fields, extra fields get keys named by column number (default: such a row is an error)' },
    { name: 'strings', description: 'read: keep every value a string (no number/boolean typing); same as --infer=false' },
    { name: 'infer', description: 'read: type plain JSON number literals as numbers and true/false as booleans (default true; env JN_CSV_INFER=false turns it off, the option wins)' },
    { name: 'quote', description: 'read: RFC 4180 quoting (default true); --quote=false reads \'"\' as an ordinary character' },
    { name: 'relax-quotes', description: 'read: keep stray quotes (`"x"y`, `5" disk`) as text instead of failing (read by csv-parse)' },
    ENCODING_OPTION,
  ],
};

runPlugin(meta, csvModes('csv'));
