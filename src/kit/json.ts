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

/** A cursor over JSON text that checks one token at a time; each check
 * moves past what it accepted and says whether the token was whole. */
class JsonCursor {
  i = 0;
  readonly n: number;
  constructor(readonly text: string) {
    this.n = text.length;
  }

  ws(): void {
    while (this.i < this.n && isWs(this.text[this.i])) this.i++;
  }

  str(): boolean {
    const { text, n } = this;
    if (text[this.i] !== '"') return false;
    this.i++;
    while (this.i < n) {
      const c = text[this.i];
      if (c === '"') {
        this.i++;
        return true;
      }
      if (c < ' ') return false;
      if (c !== '\\') {
        this.i++;
        continue;
      }
      if (++this.i >= n) return false;
      const e = text[this.i];
      if (e === 'u') {
        for (let k = 1; k <= 4; k++) {
          if (this.i + k >= n || !/[0-9a-fA-F]/.test(text[this.i + k])) {
            this.i += k;
            return false;
          }
        }
        this.i += 5;
      } else if ('"\\/bfnrt'.includes(e)) this.i++;
      else return false;
    }
    return false;
  }

  digits(): boolean {
    const from = this.i;
    while (this.i < this.n && this.text.charCodeAt(this.i) >= 48 && this.text.charCodeAt(this.i) <= 57) this.i++;
    return this.i > from;
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
    for (let k = 0; k < word.length; k++, this.i++) if (this.text[this.i] !== word[k]) return false;
    return true;
  }

  /** An object key and its colon. */
  key(): boolean {
    this.ws();
    if (!this.str()) return false;
    this.ws();
    if (this.text[this.i] !== ':') return false;
    this.i++;
    return true;
  }

  /** A scalar at i (the caller has skipped blanks). */
  scalar(): boolean {
    const c = this.text[this.i];
    if (c === '"') return this.str();
    if (c === '-' || (c >= '0' && c <= '9')) return this.num();
    if (c === 't' || c === 'f' || c === 'n') return this.lit(c === 't' ? 'true' : c === 'f' ? 'false' : 'null');
    return false;
  }
}

/** Offset of the first character at which text stops being valid JSON
 * (text.length if it ends too early), or -1 if it is valid. Only used to
 * place error messages, so it favours simplicity over speed. */
export function jsonErrorOffset(text: string): number {
  const cur = new JsonCursor(text);
  const { n } = cur;
  const stack: string[] = []; // '[' or '{'
  for (;;) {
    // A value is expected at i.
    cur.ws();
    if (cur.i >= n) return n;
    const c = text[cur.i];
    if (c === '{' || c === '[') {
      cur.i++;
      cur.ws();
      if (text[cur.i] === (c === '{' ? '}' : ']')) cur.i++;
      else {
        stack.push(c);
        if (c === '{' && !cur.key()) return Math.min(cur.i, n);
        continue;
      }
    } else if (!cur.scalar()) return Math.min(cur.i, n);
    const end = afterValue(cur, stack);
    if (end !== undefined) return end;
  }
}

/** After a value: close containers, or move on to the next member (then
 * undefined: a value is expected); else where the text ends or goes wrong. */
function afterValue(cur: JsonCursor, stack: string[]): number | undefined {
  const { text, n } = cur;
  for (;;) {
    cur.ws();
    if (stack.length === 0) return cur.i < n ? cur.i : -1;
    if (cur.i >= n) return n;
    const top = stack[stack.length - 1];
    const d = text[cur.i];
    if (d === ',') {
      cur.i++;
      if (top === '{' && !cur.key()) return Math.min(cur.i, n);
      return undefined;
    }
    if ((top === '[' && d === ']') || (top === '{' && d === '}')) {
      cur.i++;
      stack.pop();
      continue;
    }
    return cur.i;
  }
}
