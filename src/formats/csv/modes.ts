// The read and write modes of the csv and tsv plugins (plugins/csv.ts,
// plugins/tsv.ts): the same code with different defaults (options.ts),
// wired to stdin and stdout.
import type { Options } from '../../kit/sdk.js';
import { Output, readText } from '../../kit/io.js';
import { untilMark } from '../../kit/mark.js';
import { BadRecords } from '../../kit/onerror.js';
import { readOptionsFrom, writeOptionsFrom, type Flavor } from './options.js';
import { csvToNdjson, type RowReaderFactory } from './read.js';
import { ndjsonToCsv } from './write.js';
import { canRewrite, rewriteWithFullHeader } from './union.js';

type Mode = (options: Options) => void | Promise<void>;

/** read: CSV on stdin -> NDJSON on stdout; write: the other way. */
export function csvModes(flavor: Flavor): { read: Mode; write: Mode } {
  return {
    read(options) {
      const bad = new BadRecords(`${flavor} read`);
      const opts = { ...readOptionsFrom(options, flavor, process.env), bad: bad.mode === 'fail' ? undefined : bad };
      const run = (reader?: RowReaderFactory): void => {
        const out = new Output();
        try {
          csvToNdjson(untilMark(readText(0, options.str('encoding', 'utf-8'))), (text) => out.write(text), opts, reader);
        } finally {
          out.flush();
        }
        const summary = bad.summary();
        if (summary) process.stderr.write(summary + '\n');
      };
      // csv-parse is loaded only for the option that needs it
      if (opts.relaxQuotes) return import('./relaxed.js').then((m) => run(m.relaxedReader));
      run();
    },
    write(options) {
      // records with new keys widen the header when the output can be rewritten (union.ts)
      const base = writeOptionsFrom(options, flavor);
      // the byte scan that pads the rows needs a one-byte delimiter
      const opts = { ...base, union: base.delimiter.charCodeAt(0) < 128 && canRewrite(1) };
      const out = new Output();
      let w;
      try {
        w = ndjsonToCsv(readText(0, 'utf-8'), (text) => out.write(text), opts);
      } finally {
        out.flush();
      }
      if (w.grew) rewriteWithFullHeader(w, { delimiter: opts.delimiter, quote: !opts.escapes }, opts.header);
    },
  };
}
