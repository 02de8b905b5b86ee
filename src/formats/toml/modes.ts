// The toml plugin's modes (plugins/toml.ts), wired to stdin and stdout.
import { tomlToNdjson } from './toml.js';
import { TomlWriter } from './write.js';
import { UsageError, type Options } from '../../kit/sdk.js';
import { Output, readText } from '../../kit/io.js';
import { parseLosslessLine } from '../../kit/lossless.js';
import { readRecords } from '../../kit/records.js';

function arrayOption(options: Options): string | undefined {
  const key = options.str('array');
  if (key === '' || key === 'true') throw new UsageError('--array: expected a key name, e.g. --array=records');
  return key;
}

export function read(options: Options): void {
  const key = arrayOption(options);
  let text = '';
  for (const chunk of readText(0, options.str('encoding', 'utf-8'))) text += chunk;
  const out = new Output(1, 1 << 16);
  try {
    out.write(tomlToNdjson(text, key));
  } finally {
    out.flush();
  }
}

export function write(options: Options): void {
  const writer = new TomlWriter(arrayOption(options));
  for (const [value, lineNo] of readRecords(0, parseLosslessLine)) writer.add(value, lineNo);
  const out = new Output(1, 1 << 16);
  out.write(writer.finish());
  out.flush();
}
