// Runtime errors of jq programs (JqError: any jq value, as error/1 allows),
// the value dumps jq's messages quote, and telling a stack overflow.
import { typeName } from '../kit/text.js';
import { dumpJq } from './print.js';
import { type Value } from './values.js';

/** A jq error: carries any jq value (error({a:1}) is legal). */
export class JqError extends Error {
  constructor(readonly value: Value) {
    super(typeof value === 'string' ? value : '');
  }
  /** The message jq prints for an uncaught error. */
  describe(): string {
    const v = this.value;
    if (typeof v === 'string') return v;
    if (v === null) return 'null (null) not a string';
    return `${dumpJq(v)} (not a string)`;
  }
}

export function err(msg: string): JqError {
  return new JqError(msg);
}

const utf8 = new TextEncoder();
const utf8d = new TextDecoder();

function truncBytes(s: string, max: number): string {
  const b = utf8.encode(s);
  if (b.length <= max) return s;
  let n = max;
  while (n > 0 && (b[n] & 0xc0) === 0x80) n--;
  return utf8d.decode(b.subarray(0, n));
}

/** jq's truncated dump used inside error messages (`string ("abc...")`). */
export function dumpTrunc(v: Value): string {
  const d = dumpJq(v);
  if (utf8.encode(d).length <= 29) return d;
  if (typeof v === 'string') {
    const inner = truncBytes(d.slice(1, -1), 24);
    return `"${inner}..."`;
  }
  return truncBytes(d, 26) + '...';
}

export function desc(v: Value): string {
  return `${typeName(v)} (${dumpTrunc(v)})`;
}
/** An invalid path expression (path(), assignment, del...) met value v. */
export function invalidPath(v: Value, what: string): JqError {
  return err(`Invalid path expression near attempt to ${what} ${dumpTrunc(v)}`);
}

let overflowMessage: string | undefined;

/** True for the RangeError of a JavaScript stack overflow: a jq program
 * that recursed too deep. V8 gives it no class of its own; it is told from
 * other RangeErrors by the message a probe of the same overflow gets. */
export function isStackOverflow(e: unknown): boolean {
  if (!(e instanceof RangeError)) return false;
  overflowMessage ??= probeOverflow();
  return e.message === overflowMessage;
}

function probeOverflow(): string {
  const deeper = (n: number): number => deeper(n + 1) + 1;
  try {
    deeper(0);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}
