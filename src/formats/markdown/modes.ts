// The markdown plugin's modes (plugins/markdown.ts), wired to stdin and stdout.
import { parseLosslessLine } from '../../kit/lossless.js';
import { MarkdownTableReader } from './markdown.js';
import { MarkdownWriter, documentRecords, type ReadMode } from './document.js';
import { Output, readLines, readText } from '../../kit/io.js';
import { UsageError, type Options } from '../../kit/sdk.js';
import { readRecords } from '../../kit/records.js';

const MODES = ['auto', 'document', 'sections', 'tables'];

function readMode(options: Options): ReadMode | 'tables' {
  const mode = options.str('mode', 'auto');
  if (!MODES.includes(mode)) throw new UsageError(`--mode: expected one of ${MODES.join(', ')}, got ${JSON.stringify(mode)}`);
  return mode as ReadMode | 'tables';
}

/** tables: the rows of every pipe table, streamed line by line; a front
 * matter block is skipped (held until it closes: unclosed, it is text). */
function readTables(out: Output, encoding: string): void {
  const reader = new MarkdownTableReader((text) => out.write(text));
  let held: [string, number][] | null = null;
  let close: RegExp | null = null;
  for (const [raw, lineNo] of readLines(0, encoding)) {
    const line = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (lineNo === 1 && /^(?:---|\+\+\+)[ \t]*$/.test(line)) {
      close = line.startsWith('-') ? /^(?:---|\.\.\.)[ \t]*$/ : /^\+\+\+[ \t]*$/;
      held = [[line, lineNo]];
    } else if (held !== null) {
      held.push([line, lineNo]);
      if (close!.test(line)) held = null;
    } else reader.line(line, lineNo);
  }
  if (held !== null) for (const [line, lineNo] of held) reader.line(line, lineNo);
}

export function read(options: Options): void {
  const mode = readMode(options);
  const encoding = options.str('encoding', 'utf-8');
  const out = new Output(1, 1 << 16);
  try {
    if (mode === 'tables') return readTables(out, encoding);
    let text = '';
    for (const chunk of readText(0, encoding)) text += chunk;
    documentRecords(text, mode, (json) => out.write(json + '\n'));
  } finally {
    out.flush();
  }
}

export function write(): void {
  const writer = new MarkdownWriter();
  for (const [value, lineNo] of readRecords(0, parseLosslessLine)) writer.add(value, lineNo);
  const out = new Output(1, 1 << 16);
  out.write(writer.finish());
  out.flush();
}
