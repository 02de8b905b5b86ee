// The table plugin's modes (plugins/table.ts), wired to stdin and stdout.
// write: every record is read first (column widths need them all), then the
// table is laid out at once (tabulate.ts); read: tables back into records
// (read.ts), streamed.
import { UsageError, type Options } from '../../kit/sdk.js';
import { Output, readLines } from '../../kit/io.js';
import { parseLosslessLine } from '../../kit/lossless.js';
import { readRecords } from '../../kit/records.js';
import { STYLES, STYLE_NAMES, type Align } from './styles.js';
import { TableRows, tabulateLines, type TabulateOptions } from './tabulate.js';
import { TableReader } from './read.js';
import { FLOAT_FORMAT } from './numbers.js';

function choice<T extends string>(options: Options, name: string, allowed: readonly T[]): T | undefined {
  const v = options.str(name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

/** --maxcolwidths: N for every column, or N,M,... per column (empty: no limit). */
function colWidths(options: Options): TabulateOptions['maxcolwidths'] {
  const v = options.str('maxcolwidths');
  if (v === undefined) return undefined;
  const parts = v.split(',').map((p) => p.trim());
  if (!parts.every((p) => p === '' || /^[1-9]\d*$/.test(p)) || parts.every((p) => p === ''))
    throw new UsageError(`--maxcolwidths: expected a width of at least 1, or widths separated by commas, got ${JSON.stringify(v)}`);
  const widths = parts.map((p) => (p === '' ? undefined : Number(p)));
  return widths.length === 1 ? widths[0] : widths;
}

function writeOptions(options: Options): TabulateOptions {
  const style = options.str('tablefmt', 'grid');
  if (!STYLES.has(style)) throw new UsageError(`--tablefmt: expected one of ${STYLE_NAMES.join(', ')}, got ${JSON.stringify(style)}`);
  let maxWidth: number | undefined;
  if (options.has('max-width')) {
    maxWidth = options.int('max-width', 0);
    if (maxWidth < 1) throw new UsageError('--max-width: expected at least 1');
  }
  const floatfmt = options.str('floatfmt');
  if (floatfmt !== undefined && !FLOAT_FORMAT.test(floatfmt))
    throw new UsageError(`--floatfmt: expected g, f or e with an optional precision before it (.2f, .3g), got ${JSON.stringify(floatfmt)}`);
  return {
    style,
    floatfmt,
    numalign: choice<Align>(options, 'numalign', ['decimal', 'right', 'left', 'center']),
    stralign: choice(options, 'stralign', ['left', 'right', 'center'] as const),
    showindex: options.bool('showindex', false),
    maxcolwidths: colWidths(options),
    maxWidth,
  };
}

export function write(options: Options): void {
  const opts = writeOptions(options);
  const table = new TableRows();
  const out = new Output(1, 1 << 16);
  try {
    for (const [value] of readRecords(0, parseLosslessLine)) table.add(value);
  } finally {
    tabulateLines(table, opts, (line) => out.write(line + '\n')); // on a bad line: the table of the records before it
    out.flush();
  }
}

export function read(options: Options): void {
  const out = new Output(1, 1 << 16);
  const reader = new TableReader((json) => out.write(json));
  try {
    for (const [line] of readLines(0, options.str('encoding', 'utf-8'))) reader.line(line);
    reader.end();
  } finally {
    out.flush();
  }
}
