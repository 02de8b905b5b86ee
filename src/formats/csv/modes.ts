// The read and write modes of the csv and tsv plugins (plugins/csv.ts,
// plugins/tsv.ts): the same code with different defaults (options.ts),
// wired to stdin and stdout.
import type { Options } from '../../kit/sdk.js';
import { Output, readText } from '../../kit/io.js';
import { readOptionsFrom, writeOptionsFrom, type Flavor } from './options.js';
import { csvToNdjson, type RowReaderFactory } from './read.js';
import { ndjsonToCsv } from './write.js';

type Mode = (options: Options) => void | Promise<void>;

/** read: CSV on stdin -> NDJSON on stdout; write: the other way. */
export function csvModes(flavor: Flavor): { read: Mode; write: Mode } {
  return {
    read(options) {
      const opts = readOptionsFrom(options, flavor, process.env);
      const run = (reader?: RowReaderFactory): void => {
        const out = new Output();
        try {
          csvToNdjson(readText(0), (text) => out.write(text), opts, reader);
        } finally {
          out.flush();
        }
      };
      // csv-parse is loaded only for the option that needs it
      if (opts.relaxQuotes) return import('./relaxed.js').then((m) => run(m.relaxedReader));
      run();
    },
    write(options) {
      const opts = writeOptionsFrom(options, flavor);
      const out = new Output();
      try {
        ndjsonToCsv(readText(0), (text) => out.write(text), opts);
      } finally {
        out.flush();
      }
    },
  };
}
