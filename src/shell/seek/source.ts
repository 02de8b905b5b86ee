// Whether a shell source can be read from a byte offset: a plain file (not
// stdin, a URL, a profile, a database, a glob, a compressed file) read by the
// bundled jsonl, csv or tsv plugin. For CSV/TSV the start of the file is
// read once (64 KB) for what reading from an offset needs: the delimiter
// (as the csv reader decides it: option, sep= line, or detected), the line
// end, and the header — its bytes are written again before the bytes from
// the offset (`jn seek range --header-bytes`), and its field count checks
// the resync rule (resync.ts).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { parseAddress, type Address } from '../../sources/address.js';
import { isShSource } from '../sh-source.js';
import { hasGlob } from '../../sources/glob.js';
import { resolveChain } from '../../sources/registry.js';
import { dataStart, sniffDialect } from '../../formats/csv/dialect.js';
import { ioError } from '../../kit/exit.js';
import { CR, LF, type RowRules } from './rules.js';
import { RowScanner } from './scan.js';
import { tokenize } from './window.js';

export interface Seekable {
  path: string;
  size: number;
  mtimeMs: number;
  format: RowRules['format'];
  /** Bytes of the header (csv/tsv: a BOM, a sep= line, the header row; 0 for ndjson). */
  headerBytes: number;
  /** The source address as given (format override and params kept). */
  source: string;
  /** How rows are found in the bytes. */
  rules: RowRules;
  /** Fields of the header row (csv/tsv with a header). */
  columns?: number;
  /** Mean bytes per row at the start of the file: estimates before the index has them. */
  rowBytes: number;
}

const HEAD = 64 * 1024;
const FORMATS: Record<string, RowRules['format']> = { jsonl: 'ndjson', csv: 'csv', tsv: 'tsv' };

/** The source address as a seekable file, or why not. */
export function seekable(source: string): Seekable | { reason: string } {
  try {
    return open(source);
  } catch (err) {
    return { reason: err instanceof Error ? err.message : String(err) };
  }
}

class NotSeekable extends Error {}

function open(source: string): Seekable | { reason: string } {
  if (isShSource(source)) return { reason: "a command's output is read as it comes: it cannot seek" };
  const addr = parseAddress(source);
  if (addr.protocol === 'profile') return { reason: 'a profile is read as it comes: it cannot seek' };
  if (addr.protocol !== 'file') return { reason: `${addr.protocol}:// sources are read as they come: they cannot seek` };
  if (addr.isStdio) return { reason: 'stdin is read as it comes: it cannot seek' };
  let st;
  try {
    st = statSync(addr.path);
  } catch (err) {
    return { reason: hasGlob(addr.path) ? 'a glob of files cannot seek' : ioError(err, addr.raw).message };
  }
  if (!st.isFile()) return { reason: `${addr.raw}: not a regular file: it cannot seek` };
  const steps = resolveChain(addr, 'read');
  if (steps.length !== 1) return { reason: `${steps[0].plugin.name} compressed files cannot seek` };
  const plugin = steps[0].plugin;
  const format = plugin.level === 'bundled' ? FORMATS[plugin.name] : undefined;
  if (!format) return { reason: `${plugin.name} files are not read line by line: they cannot seek` };
  const head = readHead(addr.path);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return { reason: 'UTF-16 files cannot seek' };
  const base = { path: addr.path, size: st.size, mtimeMs: st.mtimeMs, source, format };
  if (format === 'ndjson') {
    const rules: RowRules = { format, quote: false, delimiter: 0, eol: LF, ragged: true };
    return { ...base, headerBytes: 0, rules, rowBytes: rowBytes(head, 0, rules, st.size) };
  }
  try {
    return { ...base, ...delimited(addr, format, head, st.size) };
  } catch (err) {
    if (err instanceof NotSeekable) return { reason: err.message };
    throw err;
  }
}

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD);
    return buf.subarray(0, readSync(fd, buf, 0, HEAD, 0));
  } finally {
    closeSync(fd);
  }
}

function param(addr: Address, name: string): string | undefined {
  let value: string | undefined;
  for (const [k, v] of addr.params) if (k === name) value = v;
  return value;
}

function bool(addr: Address, name: string, fallback: boolean): boolean {
  const v = param(addr, name);
  return v === undefined ? fallback : !/^(false|0|no|off)$/i.test(v);
}

const NAMED: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|', space: ' ' };

/** The header, delimiter and line end of a CSV/TSV file, from its head. */
function delimited(addr: Address, flavor: 'csv' | 'tsv', head: Buffer, size: number) {
  const encoding = param(addr, 'encoding');
  if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) throw new NotSeekable(`files in ${encoding} cannot seek`);
  const quote = bool(addr, 'relax-quotes', false) || bool(addr, 'quote', flavor === 'csv');
  const given = param(addr, 'delimiter');
  const sample = head.toString('utf8');
  const dialect = sniffDialect(sample, { delimiter: given === undefined ? undefined : (NAMED[given] ?? given), flavor, quote });
  if (dialect.delimiter.length !== 1 || dialect.delimiter.charCodeAt(0) > 127) throw new NotSeekable(`the delimiter ${JSON.stringify(dialect.delimiter)} is not one byte: the file cannot seek`);
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const start = dialect.sepLine ? Buffer.byteLength(sample.slice(0, dataStart(sample))) : bom;
  const cr = head.indexOf(CR, start);
  const lf = head.indexOf(LF, start);
  const eol = cr !== -1 && (lf === -1 || cr < lf) && cr !== lf - 1 ? CR : LF;
  const header = bool(addr, 'header', true);
  const rules: RowRules = { format: flavor, quote, delimiter: dialect.delimiter.charCodeAt(0), eol, ragged: !header || bool(addr, 'allow-ragged', false) };
  if (!header) return { headerBytes: start, rules, rowBytes: rowBytes(head, start, rules, size) };
  let headerBytes: number | undefined;
  let columns = 0;
  tokenize(head, start, false, rules, (end, fields, blank) => {
    if (blank) return false;
    headerBytes = end;
    columns = fields;
    return true;
  });
  if (headerBytes === undefined) {
    if (head.length < HEAD) return { headerBytes: head.length, rules, columns, rowBytes: 1 };
    throw new NotSeekable('the header row is longer than 64 KB: the file cannot seek');
  }
  return { headerBytes, rules, columns, rowBytes: rowBytes(head, headerBytes, rules, size) };
}

/** Mean bytes per row in the head after `from` (the file's size per row if
 * the head holds no whole row). */
function rowBytes(head: Buffer, from: number, rules: RowRules, size: number): number {
  let rows = 0;
  let last = from;
  const scanner = new RowScanner(rules, from, (_s, end) => {
    rows++;
    last = end;
  });
  scanner.push(head.subarray(from));
  if (head.length === size) scanner.end();
  return rows === 0 ? Math.max(1, size - from) : Math.max(1, (last - from) / rows);
}
