// Reading NDJSON records in a stage process: one JSON value per line, blank
// lines skipped, invalid JSON a DataError naming the line and column. Every
// stage that parses its NDJSON input reads it through here, so the same bad
// input gives the same message everywhere.
import { DataError } from './exit.js';
import { LineReader } from './io.js';
import { parseJsonLine } from './json.js';
import { throwIfMarked } from './mark.js';
import { typeName } from './text.js';

export type JsonRecord = Record<string, unknown>;

/** Throw DataError at lineNo unless value is an object: what a writer says
 * when a line holds an array or a scalar. A Map (an order-keeping parse)
 * counts as an object. */
export function expectObject(value: unknown, lineNo: number, why = ''): asserts value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DataError(`expected a JSON object, got ${typeName(value)}${why}`, lineNo);
  }
}

/** True for a line holding only blanks. */
function isBlank(line: string): boolean {
  return line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '');
}

/** The non-blank lines of fd with their 1-based line numbers, unparsed. */
function* readRecordLines(fd: number, encoding: string): Generator<[string, number]> {
  const reader = new LineReader(fd, encoding);
  for (let line = reader.next(); line !== undefined; line = reader.next()) {
    if (!isBlank(line)) yield [line, reader.lineNo];
  }
}

/** The records of fd, each with its line number; parse may keep key order
 * or numbers' text (it must throw DataError as parseJsonLine does, on any
 * line that is not valid JSON). An upstream stage's failure mark
 * (kit/mark.ts) ends the records with its FailureError. NDJSON is UTF-8:
 * checked, a BOM dropped (kit/io.ts LineReader); the jsonl reader passes
 * its --encoding. */
export function* readRecords(
  fd = 0,
  parse: (line: string, lineNo: number) => unknown = parseJsonLine,
  encoding = 'utf-8',
): Generator<[unknown, number]> {
  for (const [line, lineNo] of readRecordLines(fd, encoding)) {
    let value: unknown;
    try {
      value = parse(line, lineNo);
    } catch (err) {
      throwIfMarked(line);
      throw err;
    }
    yield [value, lineNo];
  }
}
