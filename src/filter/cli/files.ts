// jn filter's input files: the values of each FILE in turn, as jq reads
// them, or of stdin when there is none ('-' is stdin too). Each file is its
// own stream: line numbers and invalid-JSON messages count from its first
// line and name it, and a value cannot start in one file and end in the
// next. A file that cannot be read is reported and skipped, as jq does;
// the run then ends with status 2.
import { closeSync, fstatSync, openSync } from 'node:fs';
import { EXIT, ioError } from '../../kit/exit.js';
import { readText } from '../../kit/io.js';
import type { Value } from '../values.js';
import { ChunkReader, jsonValues, Lines, rawLines, type Source } from './input.js';
import type { BadRecords } from '../../kit/onerror.js';

/** Status when an input file could not be read (jq's). */
export const EXIT_UNREADABLE = EXIT.USAGE;

export class Inputs {
  /** The current file's lines and values (set by the first next()). */
  lines!: Lines;
  source!: Source;
  /** Name of the current file (input_filename); null for stdin. */
  name: string | null = null;
  /** A file could not be read. */
  failed = false;
  private readonly names: string[];
  private opened = false;
  private fd = 0;
  private k = 0;
  private before = 0;

  constructor(
    files: string[],
    private readonly raw: boolean,
    private readonly report: (line: string) => void,
    private readonly bad?: BadRecords,
  ) {
    this.names = files.length === 0 ? ['-'] : files;
  }

  /** The next input value of the files, in turn; undefined at the end. */
  next(): Value | undefined {
    for (;;) {
      if (this.opened) {
        const v = this.source.next();
        if (v !== undefined) return v;
      }
      if (!this.open()) return undefined;
    }
  }

  /** Bytes read so far, from every file. */
  get bytes(): number {
    return this.before + (this.opened ? this.lines.reader.bytes : 0);
  }

  /** -R -s: all the text of the files. */
  text(): string {
    let s = '';
    for (let fd = this.openNext(); fd !== null; fd = this.openNext()) for (const chunk of readText(fd)) s += chunk;
    return s;
  }

  /** Go on with the next file that can be read; false after the last. */
  private open(): boolean {
    if (this.opened) this.before += this.lines.reader.bytes;
    this.opened = false;
    const fd = this.openNext();
    if (fd === null) return false;
    this.lines = new Lines(new ChunkReader(fd));
    this.source = this.values(this.lines, this.name ?? 'stdin');
    this.opened = true;
    return true;
  }

  /** The fd of the next file that can be read (the one before closed). */
  private openNext(): number | null {
    if (this.fd !== 0) closeSync(this.fd);
    this.fd = 0;
    while (this.k < this.names.length) {
      const name = this.names[this.k++];
      if (name === '-') {
        this.name = null;
        return 0;
      }
      try {
        const fd = openSync(name, 'r');
        if (fstatSync(fd).isDirectory()) {
          closeSync(fd);
          throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
        }
        this.fd = fd;
        this.name = name;
        return fd;
      } catch (e) {
        this.report(`jn: filter: ${ioError(e, name).message}\n`);
        this.failed = true;
      }
    }
    return null;
  }

  private values(lines: Lines, name: string): Source {
    return this.raw ? rawLines(lines) : jsonValues(lines, name, this.bad);
  }
}
