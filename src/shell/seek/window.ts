// Reading a window of CSV/TSV bytes whose start is not known to be a record
// boundary, under one guess of the quote state at its first byte, by the
// csv reader's rules (src/formats/csv/parse.ts): a quote opens a field only
// at a field's start, `""` is a quote inside one, a closing quote must be
// followed by the delimiter or a line end. What contradicts the guess is
// counted: a closing quote followed by anything else, a row (after the first
// line end) whose field count is not the header's, no line end at all in a
// window that is not the end of the file (a quoted field over the window's
// size is taken not to happen). resync.ts compares the two guesses.
import { CR, QUOTE, type RowRules } from './rules.js';

const enum St {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteSeen,
}

/** Each row end in buf[from, …): the offset after its line end (in buf),
 * its field count, whether it was blank; return true to stop. Returns the
 * count of bytes that contradict the quote rules and whether the window
 * ended inside a quoted field. */
export function tokenize(
  buf: Uint8Array,
  from: number,
  inQuotes: boolean,
  rules: RowRules,
  onRowEnd: (end: number, fields: number, blank: boolean) => boolean | void,
): { violations: number; quoted: boolean } {
  const { delimiter: dc, eol } = rules;
  let st = inQuotes ? St.Quoted : St.FieldStart;
  let fields = 0;
  let rowStart = from;
  let violations = 0;
  for (let i = from; i < buf.length; i++) {
    const c = buf[i];
    if (st === St.Quoted) {
      if (c === QUOTE) st = St.QuoteSeen;
      continue;
    }
    if (st === St.QuoteSeen) {
      if (c === QUOTE) {
        st = St.Quoted;
        continue;
      }
      if (c !== dc && c !== eol && c !== CR) violations++;
      st = St.Unquoted;
    }
    if (c === eol) {
      const blank = fields === 0 && st === St.FieldStart && (i === rowStart || (i === rowStart + 1 && buf[rowStart] === CR));
      if (onRowEnd(i + 1, fields + 1, blank) === true) return { violations, quoted: false };
      fields = 0;
      rowStart = i + 1;
      st = St.FieldStart;
    } else if (c === dc) {
      fields++;
      st = St.FieldStart;
    } else if (st === St.FieldStart) st = c === QUOTE && rules.quote ? St.Quoted : St.Unquoted;
  }
  return { violations, quoted: st === St.Quoted || st === St.QuoteSeen };
}

export interface WindowReading {
  /** Offset in the window after the first row end (undefined: none). */
  boundary: number | undefined;
  violations: number;
}

/** Read the window from `from` guessing the quote state there. `columns`:
 * the header's field count when every row must have it. */
export function readWindow(buf: Uint8Array, from: number, inQuotes: boolean, rules: RowRules, columns: number | undefined, atEof: boolean): WindowReading {
  let boundary: number | undefined;
  let bad = 0;
  const r = tokenize(buf, from, inQuotes, rules, (end, fields, blank) => {
    if (boundary === undefined) boundary = end;
    else if (!blank && columns !== undefined && fields !== columns) bad++;
  });
  if (boundary === undefined && !atEof) bad++;
  return { boundary, violations: r.violations + bad };
}
