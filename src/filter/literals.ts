// Large integer literals that are only passed through keep their text (as in
// jq 1.7): in `jn filter .`, 100000000000000000001 is printed as written, not
// as the double 100000000000000000000. Keeping every number's text would slow
// down every record; instead, when the printer meets an integer beyond 2^53,
// it looks at the same place in the input record: if the same value is there,
// the number was passed through, and its text is found in the input text.
// A value moved elsewhere (`.[0]`, `.x | tojson`) or computed (`. + 0`)
// prints as a double, as jq 1.7 does after arithmetic.
//
// This module owns that state: the reader says which text it parsed last
// (inputText) and the runner which value the program runs on (inputRecord);
// the printer asks (currentRecord, bigLiteral).
import type { Value } from './values.js';

const BIG_LITERAL = /(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g;
const HAS_BIG = /\d{16}/;

/** Text of the input read last (the line of the record; for -s, the lines
 * with big numbers). */
let text = '';
/** The input value the program runs on. */
let record: Value | undefined;

/** The reader parsed text (one input value, or the values of -s). */
export function inputText(t: string): void {
  text = t;
}

/** The text inputText() was told last. */
export function lastInputText(): string {
  return text;
}

/** The program runs on v now. */
export function inputRecord(v: Value | undefined): void {
  record = v;
}

/** The input value the program runs on (the printer's mirror). */
export function currentRecord(): Value | undefined {
  return record;
}

/** True when text may hold a big integer literal. */
export function mayHoldBig(t: string): boolean {
  return HAS_BIG.test(t);
}

/** The text of the big integer x as written in the input, when mirror (the
 * input value at the same place as x) is x and the text has it. */
export function bigLiteral(x: number, mirror: Value | undefined): string | undefined {
  if (mirror !== x || !text) return undefined;
  for (const m of text.matchAll(BIG_LITERAL)) if (Number(m[0]) === x) return m[0];
  return undefined;
}
