// The failure mark: how a failure travels down a pipeline of jn processes
// (docs/architecture.md, "Failures travel down the pipe"; docs/plugins.md).
//
// A jn stage that fails ends its stdout with one line that no valid NDJSON
// can contain: the byte 0x18 (ASCII CAN, "cancel"; a raw control character
// is never valid in JSON text) followed by the failure as JSON:
//
//   \x18{"jn-failure":{"stage":"csv read","source":"bad.csv","reason":"line 3: …","status":3}}\n
//
// Every jn stage downstream that reads it stops, exits with the failure's
// status without printing it again (the stage that failed already did), and
// passes the mark on; `jn put` and every writer then leave the destination
// untouched. The mark may follow a record cut short (a stage killed
// mid-write): a reader treats the whole line from the start as the mark,
// so a consumer that is not jn sees at worst one invalid line at the very end.
import { writeSync } from 'node:fs';
import { flushAll } from './io.js';
import { EXIT } from './exit.js';
import { FailureError, parseFailureLine, type Failure } from './failure.js';

/** The first byte of the mark. */
const MARK_BYTE = 0x18;
const MARK = '\x18';
/** Where a mark starts, for text that is not NDJSON. */
const PREFIX = `${MARK}{"jn-failure":`;

/** The mark of a failure, a whole line. */
function markLine(f: Failure): string {
  return `${MARK}${JSON.stringify({ 'jn-failure': { stage: f.stage, source: f.source, reason: f.reason, status: f.status } })}\n`;
}

/** The failure a mark found in text says (from its 0x18 on), flagged
 * upstream: the stage that reads it stops with the upstream's status and
 * does not print it again (kit/failure.ts reportError). A mark that cannot
 * be read still fails, with status 1. */
function markedFailure(text: string, at: number): Failure {
  const f = parseFailureLine(text.slice(at + 1).trimEnd());
  return { ...(f ?? { stage: 'upstream', reason: 'an upstream stage failed', status: EXIT.GENERAL }), upstream: true };
}

/** In NDJSON, any line holding 0x18 is a mark: throw its FailureError. Call
 * it where a line failed to parse (a valid line never holds one), so the
 * happy path pays nothing. */
export function throwIfMarked(line: string): void {
  const at = line.indexOf(MARK);
  if (at !== -1) throw new FailureError(markedFailure(line, at));
}

/** For text that is not NDJSON (`jn filter -R`, where a raw 0x18 may be
 * data): a mark only where the full `\x18{"jn-failure":` starts. */
export function throwIfMarkedStrict(line: string): void {
  const at = line.indexOf(PREFIX);
  if (at !== -1) throw new FailureError(markedFailure(line, at));
}

/** Text chunks (of a text format: CSV written by `jn put -~csv` after a
 * failure ends with the mark too) up to a mark, which then throws its
 * FailureError. Only the full `\x18{"jn-failure":` counts: a raw 0x18 may
 * be data in a text format. A mark split between chunks is found. */
export function* untilMark(chunks: Iterable<string>): Generator<string> {
  let carry = '';
  let marked: string | undefined;
  for (const chunk of chunks) {
    const text = carry + chunk;
    carry = '';
    if (marked !== undefined) {
      marked += text;
      if (marked.includes('\n')) break;
      continue;
    }
    let at = text.indexOf(MARK);
    while (at !== -1 && !text.startsWith(PREFIX, at) && !(text.length - at < PREFIX.length && PREFIX.startsWith(text.slice(at)))) at = text.indexOf(MARK, at + 1);
    if (at === -1) {
      yield text;
    } else if (text.startsWith(PREFIX, at)) {
      if (at > 0) yield text.slice(0, at);
      marked = text.slice(at);
      if (marked.includes('\n')) break;
    } else {
      if (at > 0) yield text.slice(0, at); // maybe the start of a mark: wait for more
      carry = text.slice(at);
    }
  }
  if (marked !== undefined) throw new FailureError(markedFailure(marked.split('\n')[0], 0));
  if (carry) yield carry;
}

/** In bytes (jn head, which never decodes): the offset of the start of the
 * line holding a mark in buf[0..end), or -1. */
export function markedLineStart(buf: Uint8Array, end: number): number {
  const at = buf.indexOf(MARK_BYTE);
  if (at === -1 || at >= end) return -1;
  return buf.lastIndexOf(10, at) + 1;
}

/** The failure of the mark in bytes that start at a marked line. */
export function failureOfMarkedBytes(buf: Uint8Array): Failure {
  const text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8');
  return markedFailure(text, text.indexOf(MARK));
}

/** At the edge of a command that streams records (CommandSpec.streams)
 * and failed with f: flush what it wrote and end stdout with the mark,
 * unless stdout is a terminal (a person reads the error on stderr there). */
export function endWithMark(f: Failure): void {
  try {
    flushAll();
  } catch {
    /* the reader left, or stdout is broken: nothing more can be said there */
  }
  // node:tty is loaded here, not with this module: it pulls in node:net and
  // the streams, which every stage that links this would pay at start-up
  const { isatty } = process.getBuiltinModule('node:tty') as typeof import('node:tty');
  if (isatty(1)) return;
  const buf = Buffer.from(markLine(f), 'utf8');
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (let off = 0; off < buf.length; ) {
    try {
      off += writeSync(1, buf, off, buf.length - off);
    } catch (err) {
      // EAGAIN: a non-blocking description, wait; anything else (EPIPE:
      // the reader left) ends the attempt, and the status stays the failure's.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') return;
      Atomics.wait(nap, 0, 0, 1);
    }
  }
}
