// The bundled `csv` format plugin: CSV bytes <-> NDJSON. The logic lives in
// src/formats/csv.ts; this entry only wires it to stdin/stdout.
import { runPlugin } from '../src/plugins/sdk.js';
import { Output, readText } from '../src/util/io.js';
import { csvPluginMeta, csvToNdjson, ndjsonToCsv, readOptionsFrom, writeOptionsFrom } from '../src/formats/csv.js';

const DELIMITER = ',';

runPlugin(csvPluginMeta('csv', ['\\.csv$'], DELIMITER), {
  read(options) {
    const opts = readOptionsFrom(options, DELIMITER, process.env);
    const out = new Output();
    try {
      csvToNdjson(readText(0), (text) => out.write(text), opts);
    } finally {
      out.flush();
    }
  },
  write(options) {
    const opts = writeOptionsFrom(options, DELIMITER);
    const out = new Output();
    try {
      ndjsonToCsv(readText(0), (text) => out.write(text), opts);
    } finally {
      out.flush();
    }
  },
});
