// The CSV/TSV writer's union of keys: records with different keys give one
// header with every key (in order of first appearance), missing values
// empty, without holding the records in memory. The writer streams as
// usual; a key that is not in the header becomes a new last column. When
// the header grew, the output is rewritten once at the end: the file is read
// back row by row (a byte scan: it is CSV the writer wrote), each row padded to every
// column under the full header into a temp file beside it, which is then
// copied over the output. That needs an output that can be rewritten: a
// regular file that was empty and is not appended to (what `jn put x.csv`
// gives its writer: a temp file renamed when everything is written). To a
// pipe or a terminal, the rows are already gone: a new key is an error
// there, naming the fix.
import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, readlinkSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { CsvWriter } from './write.js';

const O_APPEND = 0o2000;

/** Can the writer's output (fd) be rewritten at the end? */
export function canRewrite(fd = 1): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size !== 0) return false;
    const flags = /^flags:\s+([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'));
    return flags !== null && (parseInt(flags[1], 8) & O_APPEND) === 0;
  } catch {
    return false; // no /proc: no union
  }
}

/** Where the padded copy goes: beside the output (same file system), else the temp dir. */
function scratchPath(fd: number): string {
  const name = `.jn-union-${process.pid}.tmp`;
  try {
    const target = readlinkSync(`/proc/self/fd/${fd}`);
    if (target.startsWith('/') && !target.endsWith(' (deleted)')) return join(dirname(target), `.${basename(target)}${name}`);
  } catch {
    // below
  }
  return join(tmpdir(), name);
}

/** Buffered positional writes to a file. */
class Scratch {
  private parts: Buffer[] = [];
  private size = 0;
  pos = 0;
  constructor(readonly fd: number) {}
  put(b: Buffer): void {
    this.parts.push(b);
    this.size += b.length;
    if (this.size >= 1 << 20) this.flush();
  }
  flush(): void {
    if (this.size === 0) return;
    const b = Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    for (let off = 0; off < b.length; ) off += writeSync(this.fd, b, off, b.length - off, this.pos + off);
    this.pos += b.length;
  }
}

/** The rows the writer wrote to `input`, each padded with delimiters to
 * `width` fields, into `out`. Rows are found by a byte scan, which is exact
 * on what the writer writes: a row ends at a newline outside quotes (in
 * CSV a quote toggles quoting, `""` twice; TSV has none), fields are split
 * by the (one-byte) delimiter outside quotes. The first row (the old
 * header) is left out when there is one. */
function padRows(input: number, out: Scratch, width: number, delimiter: number, quotes: boolean, skipFirst: boolean): void {
  const pads = new Map<number, Buffer>();
  const pad = (n: number) => pads.get(n) ?? pads.set(n, Buffer.from(String.fromCharCode(delimiter).repeat(n) + '\n')).get(n)!;
  const chunk = Buffer.allocUnsafe(1 << 20);
  let inQuote = false;
  let fields = 1;
  let skipping = skipFirst;
  for (let n: number; (n = readSync(input, chunk, 0, chunk.length, null)) > 0; ) {
    let start = 0;
    for (let i = 0; i < n; i++) {
      const c = chunk[i];
      if (c === 34 && quotes) inQuote = !inQuote;
      else if (inQuote) continue;
      else if (c === delimiter) fields++;
      else if (c === 10) {
        if (!skipping) {
          out.put(chunk.subarray(start, i)); // a view: flushed before chunk is read into again
          out.put(pad(Math.max(0, width - fields)));
        }
        skipping = false;
        fields = 1;
        start = i + 1;
      }
    }
    if (!skipping && start < n) out.put(chunk.subarray(start, n));
    out.flush();
  }
}

/** Rewrite the output (fd) with `w`'s full header, every row padded. */
export function rewriteWithFullHeader(w: CsvWriter, opts: { delimiter: string; quote: boolean }, hasHeader: boolean, fd = 1): void {
  const scratch = scratchPath(fd);
  const tmp = openSync(scratch, 'w+', 0o600);
  try {
    const out = new Scratch(tmp);
    out.put(Buffer.from(w.headerLine()));
    const input = openSync(`/proc/self/fd/${fd}`, 'r');
    try {
      padRows(input, out, w.width(), opts.delimiter.charCodeAt(0), opts.quote, hasHeader);
    } finally {
      closeSync(input);
    }
    out.flush();
    // The padded copy over the output, from its start.
    ftruncateSync(fd, 0);
    const chunk = Buffer.allocUnsafe(1 << 20);
    let at = 0;
    for (let n: number; (n = readSync(tmp, chunk, 0, chunk.length, at)) > 0; at += n) {
      for (let off = 0; off < n; ) off += writeSync(fd, chunk, off, n - off, at + off);
    }
  } finally {
    closeSync(tmp);
    unlinkSync(scratch);
  }
}
