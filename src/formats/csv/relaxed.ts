// --relax-quotes: CSV whose stray quotes (`"x"y`, `5" disk`) are kept as
// text, read by csv-parse's relax_quotes (the parser our users' Node code
// already trusts) instead of our fast path, which does not support it.
// Streamed: each chunk is written to csv-parse's Transform and the records
// it produced are taken out at once (both are synchronous), so memory stays
// flat. modes.ts imports this module only when the option is given.
import { parse, type Parser } from 'csv-parse';
import { DataError } from '../../kit/exit.js';
import type { Dialect } from './dialect.js';
import type { CsvRowSink } from './parse.js';
import { binaryData, UNTERMINATED } from './parse.js';
import type { RowReader } from './read.js';

/** Line breaks inside a record's fields (LF, CR, CRLF: one each). */
function breaksIn(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    if (f.indexOf('\n') === -1 && f.indexOf('\r') === -1) continue;
    n += f.match(/\r\n|\r|\n/g)!.length;
  }
  return n;
}

interface Record {
  record: string[];
  info: { lines: number };
}

interface CsvParseError extends Error {
  code?: string;
  lines?: number;
}

class RelaxedReader implements RowReader {
  private readonly p: Parser;
  /** Added to csv-parse's line numbers (a dropped sep= line). */
  private readonly offset: number;
  private lastLine: number;

  constructor(
    private readonly sink: CsvRowSink,
    dialect: Dialect,
    firstLine: number,
  ) {
    this.offset = firstLine - 1;
    this.lastLine = this.offset;
    this.p = parse({
      delimiter: dialect.delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      bom: true,
      info: true,
    });
    this.p.on('error', () => {}); // taken from p.errored after each write
  }

  push(text: string): void {
    const z = text.indexOf('\0');
    if (z !== -1) {
      if (z > 0) this.push(text.slice(0, z));
      throw binaryData(this.lastLine + 1);
    }
    this.p.write(text);
    this.drain();
  }

  end(): void {
    this.p.end();
    this.drain();
  }

  /** Hand on the records csv-parse has ready, then throw its error if any. */
  private drain(): void {
    for (let r = this.p.read() as Record | null; r !== null; r = this.p.read() as Record | null) {
      const line = r.info.lines + this.offset;
      this.lastLine = line;
      this.sink.row(r.record, line - breaksIn(r.record), false);
    }
    const err = this.p.errored as CsvParseError | null;
    if (err === null) return;
    const line = err.lines === undefined ? undefined : err.lines + this.offset;
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') throw new DataError(UNTERMINATED, line);
    throw new DataError(err.message.split(/:? at line /)[0], line);
  }
}

/** The RowReaderFactory of --relax-quotes. */
export function relaxedReader(sink: CsvRowSink, dialect: Dialect, firstLine: number): RowReader {
  return new RelaxedReader(sink, dialect, firstLine);
}
