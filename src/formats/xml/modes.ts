// The xml plugin's modes (plugins/xml.ts), wired to stdin and stdout.
import { XmlRecordReader, XmlWriter } from './xml.js';
import { UsageError, type Options } from '../../kit/sdk.js';
import { Output, readText } from '../../kit/io.js';
import { parseLosslessLine } from '../../kit/lossless.js';
import { readRecords } from '../../kit/records.js';

function nameOption(options: Options, name: string): string | undefined {
  const v = options.str(name);
  if (v === '' || v === 'true') throw new UsageError(`--${name}: expected an element name, e.g. --${name}=item`);
  return v;
}

export function read(options: Options): void {
  if (options.has('root')) throw new UsageError('--root is for write mode');
  const out = new Output(1, 1 << 16);
  const reader = new XmlRecordReader((rec) => out.write(JSON.stringify(rec) + '\n'), { record: nameOption(options, 'record'), encoding: options.str('encoding') });
  try {
    for (const text of readText(0, options.str('encoding', 'utf-8'))) reader.push(text);
    reader.end();
  } finally {
    out.flush(); // records before an error still go downstream
  }
}

export function write(options: Options): void {
  const writer = new XmlWriter(nameOption(options, 'root') ?? 'records', nameOption(options, 'record') ?? 'record');
  const out = new Output(1, 1 << 16);
  try {
    out.write(writer.begin());
    for (const [value, lineNo] of readRecords(0, parseLosslessLine)) out.write(writer.record(value, lineNo));
    out.write(writer.end());
  } finally {
    out.flush();
  }
}
