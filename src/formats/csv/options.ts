// The csv and tsv plugins' options: --delimiter, --header, --infer,
// --strings, --allow-ragged (and JN_CSV_INFER), as read and write options.
import { UsageError, type Options } from '../../kit/sdk.js';

export interface CsvReadOptions {
  /** One character (default ','). */
  delimiter?: string;
  /** First row is the header (default true); else keys are "1", "2", ... */
  header?: boolean;
  /** Type numbers and booleans (default true). */
  infer?: boolean;
  /** Pad short rows with "", name extra fields by column number (default false). */
  allowRagged?: boolean;
}

export interface CsvWriteOptions {
  delimiter?: string;
  /** Write a header line (default true). */
  header?: boolean;
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
  if (d === '"' || d === '\n' || d === '\r' || d === '\0') throw new UsageError(`--delimiter: ${JSON.stringify(d)} cannot be a delimiter`);
  return d;
}

function parseBoolText(value: string, what: string): boolean {
  if (/^(true|1|yes|on)$/i.test(value)) return true;
  if (/^(false|0|no|off)$/i.test(value)) return false;
  throw new UsageError(`${what}: expected true or false, got ${JSON.stringify(value)}`);
}

/** Read options from the command line (and JN_CSV_INFER; the command line wins). */
export function readOptionsFrom(opts: Options, defaultDelimiter: string, env: NodeJS.ProcessEnv = {}): Required<CsvReadOptions> {
  let infer = true;
  const envInfer = env.JN_CSV_INFER;
  if (envInfer !== undefined && envInfer !== '') infer = parseBoolText(envInfer, 'JN_CSV_INFER');
  if (opts.has('infer')) infer = opts.bool('infer', true);
  if (opts.bool('strings', false)) infer = false;
  return {
    delimiter: parseDelimiter(opts.str('delimiter', defaultDelimiter)),
    header: opts.bool('header', true),
    infer,
    allowRagged: opts.bool('allow-ragged', false),
  };
}

export function writeOptionsFrom(opts: Options, defaultDelimiter: string): Required<CsvWriteOptions> {
  return {
    delimiter: parseDelimiter(opts.str('delimiter', defaultDelimiter)),
    header: opts.bool('header', true),
  };
}
