// table: NDJSON <-> text tables in the styles of Python's tabulate (what
// the original JN's `jn table` printed). write lays out every record at once
// (src/formats/table/tabulate.ts); read turns grid, pipe/github, psql,
// simple, rst, presto and HTML tables back into records (read.ts).
import { read, write } from '../src/formats/table/modes.js';
import { STYLE_NAMES } from '../src/formats/table/styles.js';
import { ENCODING_OPTION } from '../src/kit/encoding.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'table',
  version: '0.2.0',
  description:
    'NDJSON <-> text tables (Python tabulate styles). write: one table of all records, columns the keys in order of first appearance, numbers aligned on the decimal point, text left. read: grid, fancy/rounded/simple/heavy/mixed/double grid and outline, psql, pretty, github/pipe/orgtbl, simple, rst, presto and HTML tables back into records (JSON numbers, true/false/null as such, empty cells null, the lines of a grid row joined)',
  matches: ['\\.table$', '\\.tbl$'],
  role: 'format',
  modes: ['read', 'write'],
  buffers: {
    write: 'column widths depend on every cell, so all records are held until the end',
  },
  options: [
    { name: 'tablefmt', description: `write: the style (default grid): ${STYLE_NAMES.join(', ')}` },
    { name: 'maxcolwidths', description: 'write: wrap text cells wider than N (N for every column, or N,M,... per column; numbers are not wrapped)' },
    { name: 'floatfmt', description: "write: numbers of columns with non-integers in Python's format g, f or e, with an optional precision (.2f); g is tabulate's default (6 significant digits); default: as written" },
    { name: 'showindex', description: 'write: a first column with the row number, from 0' },
    { name: 'numalign', description: 'write: numbers decimal (default), right, left or center' },
    { name: 'stralign', description: 'write: text left (default), right or center' },
    { name: 'max-width', description: 'write: cut text cells and headers wider than N display columns, ending them with …' },
    ENCODING_OPTION,
  ],
};

runPlugin(meta, { read, write });
