// The read and write modes of the csv and tsv plugins (plugins/csv.ts,
// plugins/tsv.ts): the same code with a different default delimiter, wired
// to stdin and stdout.
import type { Options } from '../../kit/sdk.js';
import { Output, readText } from '../../kit/io.js';
import { readOptionsFrom, writeOptionsFrom } from './options.js';
import { csvToNdjson } from './read.js';
import { ndjsonToCsv } from './write.js';

type Mode = (options: Options) => void;

/** read: CSV on stdin -> NDJSON on stdout; write: the other way. */
export function csvModes(delimiter: string): { read: Mode; write: Mode } {
  return {
    read(options) {
      const opts = readOptionsFrom(options, delimiter, process.env);
      const out = new Output();
      try {
        csvToNdjson(readText(0, options.str('encoding', 'utf-8')), (text) => out.write(text), opts);
      } finally {
        out.flush();
      }
    },
    write(options) {
      const opts = writeOptionsFrom(options, delimiter);
      const out = new Output();
      try {
        ndjsonToCsv(readText(0, 'utf-8'), (text) => out.write(text), opts);
      } finally {
        out.flush();
      }
    },
  };
}
