// The lcov plugin's read mode (plugins/lcov.ts): a tracefile on stdin as
// records on stdout, one source file's block at a time (src/formats/lcov/lcov.ts).
import { Output, readLines } from '../../kit/io.js';
import { UsageError, type Options } from '../../kit/sdk.js';
import { blockRecords, LCOV_MODES, LcovParser, type FileBlock, type LcovMode } from './lcov.js';

function lcovMode(options: Options): LcovMode {
  const mode = options.str('mode', 'functions');
  if (!(LCOV_MODES as readonly string[]).includes(mode)) throw new UsageError(`--mode: expected ${LCOV_MODES.join(', ')}, got ${JSON.stringify(mode)}`);
  return mode as LcovMode;
}

export function readLcov(options: Options): void {
  const mode = lcovMode(options);
  const parser = new LcovParser();
  const out = new Output(1);
  const emit = (block: FileBlock | null): void => {
    if (block) for (const rec of blockRecords(block, mode)) out.write(JSON.stringify(rec) + '\n');
  };
  try {
    for (const [line, lineNo] of readLines(0, options.str('encoding', 'utf-8'))) emit(parser.line(line, lineNo));
    emit(parser.end()); // a last block without end_of_record
  } finally {
    out.flush();
  }
}
