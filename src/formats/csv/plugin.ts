// The entry shared by the bundled `csv` and `tsv` plugins: the same code with
// a different name, matches and default delimiter.
import { runPlugin } from '../../kit/sdk.js';
import { Output, readText } from '../../kit/io.js';
import { csvPluginMeta, csvToNdjson, ndjsonToCsv, readOptionsFrom, writeOptionsFrom } from './csv.js';

export function runCsvPlugin(name: string, matches: string[], delimiter: string): void {
  runPlugin(csvPluginMeta(name, matches, delimiter), {
    read(options) {
      const opts = readOptionsFrom(options, delimiter, process.env);
      const out = new Output();
      try {
        csvToNdjson(readText(0), (text) => out.write(text), opts);
      } finally {
        out.flush();
      }
    },
    write(options) {
      const opts = writeOptionsFrom(options, delimiter);
      const out = new Output();
      try {
        ndjsonToCsv(readText(0), (text) => out.write(text), opts);
      } finally {
        out.flush();
      }
    },
  });
}
