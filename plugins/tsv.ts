// The bundled `tsv` format plugin: the csv plugin with tab as its delimiter.
import { runCsvPlugin } from '../src/formats/csv/plugin.js';

runCsvPlugin('tsv', ['\\.tsv$', '\\.tab$'], '\t');
