// The yaml plugin's modes (plugins/yaml.ts), wired to stdin and stdout.
import { parseLosslessLine } from '../../kit/lossless.js';
import { YamlDocumentSplitter, yamlDocument, yamlRecords } from './yaml.js';
import { Output, readLines } from '../../kit/io.js';
import type { Options } from '../../kit/sdk.js';
import { readRecords } from '../../kit/records.js';

// The yaml library looks up process.env.LOG_TOKENS once per token; the real
// process.env is a slow accessor into the C++ environment, a plain copy makes
// parsing about 1.5x faster. (This process starts nothing that would need
// the live environment.)
process.env = { ...process.env };

export function read(options: Options): void {
  const out = new Output(1, 1 << 16);
  const splitter = new YamlDocumentSplitter((text, firstLine) =>
    yamlRecords(text, firstLine, (json) => out.write(json + '\n')),
  );
  try {
    for (const [line, lineNo] of readLines(0, options.str('encoding', 'utf-8'))) splitter.line(line, lineNo);
    splitter.end();
  } finally {
    out.flush(); // what was good before an error still goes downstream
  }
}

export function write(): void {
  const out = new Output(1, 1 << 16);
  try {
    for (const [value] of readRecords(0, parseLosslessLine)) out.write(yamlDocument(value)); // Maps: keys stay in order
  } finally {
    out.flush();
  }
}
