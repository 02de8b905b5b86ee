// The csv and tsv plugins' options: --delimiter, --header, --infer,
// --strings, --allow-ragged, --quote, --relax-quotes (and JN_CSV_INFER), as
// read and write options. The two plugins differ in their defaults: csv
// detects its delimiter and reads RFC 4180 quotes; tsv splits at tabs, reads
// quotes as text and decodes backslash escapes (the TSV convention).
import type { BadRecords } from '../../kit/onerror.js';
import { UsageError, type Options } from '../../kit/sdk.js';

/** Which plugin: its defaults, and the hints its messages give. */
export type Flavor = 'csv' | 'tsv';

export interface CsvReadOptions {
  /** One character; undefined: from a sep= line, else tab (tsv) or
   * detected from the first rows (csv, default ','): see dialect.ts. */
  delimiter?: string;
  /** First row is the header (default true); else keys are "1", "2", ... */
  header?: boolean;
  /** Type numbers and booleans (default true). */
  infer?: boolean;
  /** Pad short rows with "", name extra fields by column number (default false). */
  allowRagged?: boolean;
  /** RFC 4180 quoting (default true); false: '"' is an ordinary character. */
  quote?: boolean;
  /** Decode \t \n \r \\ (the TSV convention, only without quoting). */
  escapes?: boolean;
  /** Keep stray quotes as text (read by csv-parse's relax_quotes). */
  relaxQuotes?: boolean;
  flavor?: Flavor;
  /** What a ragged row does under --on-error (kit/onerror.ts); default: fail. */
  bad?: BadRecords;
}

export interface CsvWriteOptions {
  delimiter?: string;
  /** Write a header line (default true). */
  header?: boolean;
  /** Write TSV escapes (\t \n \r \\) instead of RFC 4180 quoting. */
  escapes?: boolean;
  /** A key not in the header adds a column (the output is rewritten with
   * the full header at the end: csv/union.ts), instead of an error. */
  union?: boolean;
}

const NAMED_DELIMITERS: Record<string, string> = {
  tab: '\t',
  '\\t': '\t',
  comma: ',',
  semicolon: ';',
  pipe: '|',
  space: ' ',
};

/** Turn a --delimiter value into the one character it names. */
export function parseDelimiter(value: string): string {
  const d = NAMED_DELIMITERS[value] ?? value;
  if (d.length !== 1) throw new UsageError(`--delimiter: expected one character (or tab, \\t, comma, semicolon, pipe, space), got ${JSON.stringify(value)}`);
  if (d === '"' || d === '\n' || d === '\r' || d === '\0' || d === '\\') throw new UsageError(`--delimiter: ${JSON.stringify(d)} cannot be a delimiter`);
  return d;
}

function parseBoolText(value: string, what: string): boolean {
  if (/^(true|1|yes|on)$/i.test(value)) return true;
  if (/^(false|0|no|off)$/i.test(value)) return false;
  throw new UsageError(`${what}: expected true or false, got ${JSON.stringify(value)}`);
}

/** --quote: RFC 4180 quoting on or off (default: on for csv, off for tsv). */
function quoteOption(opts: Options, flavor: Flavor): boolean {
  return opts.bool('quote', flavor === 'csv');
}

/** Read options from the command line (and JN_CSV_INFER; the command line wins). */
export function readOptionsFrom(opts: Options, flavor: Flavor, env: NodeJS.ProcessEnv = {}): CsvReadOptions {
  let infer = true;
  const envInfer = env.JN_CSV_INFER;
  if (envInfer !== undefined && envInfer !== '') infer = parseBoolText(envInfer, 'JN_CSV_INFER');
  if (opts.has('infer')) infer = opts.bool('infer', true);
  if (opts.bool('strings', false)) infer = false;
  const given = opts.str('delimiter');
  const relaxQuotes = opts.bool('relax-quotes', false);
  const quote = relaxQuotes || quoteOption(opts, flavor);
  return {
    delimiter: given === undefined ? undefined : parseDelimiter(given),
    header: opts.bool('header', true),
    infer,
    allowRagged: opts.bool('allow-ragged', false),
    quote,
    escapes: flavor === 'tsv' && !quote,
    relaxQuotes,
    flavor,
  };
}

export function writeOptionsFrom(opts: Options, flavor: Flavor): Required<CsvWriteOptions> {
  return {
    delimiter: parseDelimiter(opts.str('delimiter', flavor === 'tsv' ? '\t' : ',')),
    header: opts.bool('header', true),
    escapes: flavor === 'tsv' && !quoteOption(opts, flavor),
    union: false,
  };
}
