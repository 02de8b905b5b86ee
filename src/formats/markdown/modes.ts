// The markdown plugin's modes (plugins/markdown.ts), wired to stdin and stdout.
import { parseLosslessLine } from '../../kit/lossless.js';
import { MarkdownTableReader, MarkdownTableWriter } from './markdown.js';
import { Output, readLines } from '../../kit/io.js';
import type { Options } from '../../kit/sdk.js';
import { readRecords } from '../../kit/records.js';

export function read(options: Options): void {
  const out = new Output(1, 1 << 16);
  const reader = new MarkdownTableReader((text) => out.write(text));
  try {
    for (const [line, lineNo] of readLines(0, options.str('encoding', 'utf-8'))) reader.line(line, lineNo);
  } finally {
    out.flush();
  }
}

export function write(): void {
  const writer = new MarkdownTableWriter();
  for (const [value, lineNo] of readRecords(0, parseLosslessLine)) writer.add(value, lineNo);
  const out = new Output(1, 1 << 16);
  out.write(writer.finish());
  out.flush();
}
