// The bundled `csv` format plugin: CSV bytes <-> NDJSON (logic in
// src/formats/csv.ts, entry shared with tsv in src/formats/csv-plugin.ts).
import { runCsvPlugin } from '../src/formats/csv/plugin.js';

runCsvPlugin('csv', ['\\.csv$'], ',');
