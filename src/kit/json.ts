// JSON text on one line: parsing a record line with its line and column in
// the error, and finding where invalid JSON goes wrong. Shared by every stage
// that reads NDJSON (the plugins' writers, jn's own stage commands) and by
// the jn process for its own JSON files (profiles).
import { DataError } from './sdk.js';
import { escapeControls } from './text.js';

/** JSON's blanks: space, tab, LF, CR. */
function isWs(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** JSON.parse(text), or DataError at (line, column) — where text starts —
 * carrying JSON.parse's message. */
export function parseJsonAt(text: string, line: number, column: number): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DataError(`invalid JSON: ${escapeControls((err as Error).message)}`, line, column);
  }
}

/** Parse one NDJSON line; on failure a DataError naming the line and the
 * column of the first offending character. */
export function parseJsonLine(text: string, lineNo: number): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    let column: number | undefined;
    const m = /at position (\d+)/.exec(message);
    if (m) column = Number(m[1]) + 1;
    else {
      const off = jsonErrorOffset(text);
      if (off >= 0) column = off + 1;
    }
    throw new DataError(`invalid JSON: ${escapeControls(message)}`, lineNo, column);
  }
}

/** Where JSON text goes wrong and what was wrong there. */
export interface JsonErrorAt {
  /** Index into the text (its length when the text ends too early). */
  pos: number;
  /** `unexpected "]", expected a value`, `unexpected end of input`, ... */
  message: string;
}

/** A cursor over JSON text that checks one token at a time; each check
 * moves past what it accepted, or returns false with why set. */
class JsonCursor {
  i = 0;
  readonly n: number;
  /** What the failed check wanted ("expected a value"), or a whole message
   * of its own ("unterminated string"). */
  why = '';
  whole = false;
  constructor(readonly text: string) {
    this.n = text.length;
  }

  fail(expected: string): false {
    this.why = expected;
    this.whole = false;
    return false;
  }

  failWith(message: string): false {
    this.why = message;
    this.whole = true;
    return false;
  }

  error(): JsonErrorAt {
    const pos = Math.min(this.i, this.n);
    if (this.whole) return { pos, message: this.why };
    const what = pos >= this.n ? 'unexpected end of input' : `unexpected ${JSON.stringify(this.text[pos])}`;
    return { pos, message: this.why && pos < this.n ? `${what}, ${this.why}` : what };
  }

  ws(): void {
    while (this.i < this.n && isWs(this.text[this.i])) this.i++;
  }

  str(): boolean {
    const { text, n } = this;
    if (text[this.i] !== '"') return this.fail('expected a string');
    this.i++;
    while (this.i < n) {
      const c = text[this.i];
      if (c === '"') {
        this.i++;
        return true;
      }
      if (c < ' ') return this.failWith('control character in a string');
      if (c !== '\\') {
        this.i++;
        continue;
      }
      if (++this.i >= n) return this.failWith('unterminated string');
      const e = text[this.i];
      if (e === 'u') {
        for (let k = 1; k <= 4; k++) {
          if (this.i + k >= n || !/[0-9a-fA-F]/.test(text[this.i + k])) {
            this.i += k;
            return this.failWith('bad \\u escape in a string');
          }
        }
        this.i += 5;
      } else if ('"\\/bfnrt'.includes(e)) this.i++;
      else return this.failWith('bad escape in a string');
    }
    return this.failWith('unterminated string');
  }

  digits(): boolean {
    const from = this.i;
    while (this.i < this.n && this.text[this.i] >= '0' && this.text[this.i] <= '9') this.i++;
    return this.i > from || this.fail('expected a digit');
  }

  num(): boolean {
    const { text } = this;
    if (text[this.i] === '-') this.i++;
    if (text[this.i] === '0') this.i++;
    else if (!this.digits()) return false;
    if (text[this.i] === '.') {
      this.i++;
      if (!this.digits()) return false;
    }
    if (text[this.i] === 'e' || text[this.i] === 'E') {
      this.i++;
      if (text[this.i] === '+' || text[this.i] === '-') this.i++;
      if (!this.digits()) return false;
    }
    return true;
  }

  lit(word: string): boolean {
    for (let k = 0; k < word.length; k++, this.i++) if (this.text[this.i] !== word[k]) return this.fail(`expected ${word}`);
    return true;
  }

  /** An object key and its colon. */
  key(): boolean {
    this.ws();
    if (!this.str()) return false;
    this.ws();
    if (this.text[this.i] !== ':') return this.fail("expected ':'");
    this.i++;
    return true;
  }

  /** A scalar at i (the caller has skipped blanks). */
  scalar(): boolean {
    const c = this.text[this.i];
    if (c === '"') return this.str();
    if (c === '-' || (c >= '0' && c <= '9')) return this.num();
    if (c === 't' || c === 'f' || c === 'n') return this.lit(c === 't' ? 'true' : c === 'f' ? 'false' : 'null');
    return this.fail('expected a value');
  }
}

/** The first place where text stops being one valid JSON value, and what is
 * wrong there; undefined when it is valid. Only used to explain errors, so
 * it favours simplicity over speed (it does not recurse: any depth). */
export function jsonError(text: string): JsonErrorAt | undefined {
  const cur = new JsonCursor(text);
  const stack: string[] = []; // '[' or '{'
  for (;;) {
    // A value is expected at i.
    cur.ws();
    if (cur.i >= cur.n) {
      cur.fail('expected a value');
      return cur.error();
    }
    const c = text[cur.i];
    if (c === '{' || c === '[') {
      cur.i++;
      cur.ws();
      if (text[cur.i] === (c === '{' ? '}' : ']')) cur.i++;
      else {
        stack.push(c);
        if (c === '{' && !cur.key()) return cur.error();
        continue;
      }
    } else if (!cur.scalar()) return cur.error();
    if (!afterValue(cur, stack)) return cur.why ? cur.error() : undefined;
  }
}

/** Offset of the first character at which text stops being valid JSON
 * (text.length if it ends too early), or -1 if it is valid. */
export function jsonErrorOffset(text: string): number {
  return jsonError(text)?.pos ?? -1;
}

/** After a value: close containers, and move on to the next member (true:
 * a value is expected next). False at the end: the text is valid when
 * cur.why is empty, else it went wrong at cur.i. */
function afterValue(cur: JsonCursor, stack: string[]): boolean {
  const { text, n } = cur;
  for (;;) {
    cur.ws();
    if (stack.length === 0) return cur.i < n ? cur.failWith(`unexpected ${JSON.stringify(text[cur.i])} after the JSON value`) : false;
    const top = stack[stack.length - 1];
    const close = top === '{' ? '}' : ']';
    if (cur.i >= n) return cur.fail(`expected ',' or '${close}'`);
    const d = text[cur.i];
    if (d === ',') {
      cur.i++;
      return top === '{' && !cur.key() ? false : true;
    }
    if (d !== close) return cur.fail(`expected ',' or '${close}'`);
    cur.i++;
    stack.pop();
  }
}
