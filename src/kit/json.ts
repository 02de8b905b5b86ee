// JSON text on one line: parsing a record line with its line and column in
// the error, and finding where invalid JSON goes wrong. Shared by every stage
// that reads NDJSON (the plugins' writers, jn's own stage commands) and by
// the jn process for its own JSON files (profiles).
import { DataError } from './sdk.js';
import { escapeControls } from './text.js';

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const BACKSLASH = 92;
const LBRACKET = 91;
const LBRACE = 123;

function isWs(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR;
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

/** Offset of the first character at which text stops being valid JSON
 * (text.length if it ends too early), or -1 if it is valid. Only used to
 * place error messages, so it favours simplicity over speed. */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  let i = 0;
  const stack: number[] = []; // LBRACKET or LBRACE
  const ws = (): void => {
    while (i < n && isWs(text.charCodeAt(i))) i++;
  };
  const str = (): boolean => {
    if (text.charCodeAt(i) !== QUOTE) return false;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === BACKSLASH) {
        i++;
        if (i >= n) return false;
        const e = text[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (i + k >= n || !/[0-9a-fA-F]/.test(text[i + k])) {
              i += k;
              return false;
            }
          }
          i += 5;
        } else if ('"\\/bfnrt'.includes(e)) i++;
        else return false;
      } else i++;
    }
    return false;
  };
  const digits = (): boolean => {
    const from = i;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    return i > from;
  };
  const num = (): boolean => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (!digits()) return false;
    if (text[i] === '.') {
      i++;
      if (!digits()) return false;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!digits()) return false;
    }
    return true;
  };
  const lit = (word: string): boolean => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) return false;
    return true;
  };
  const key = (): boolean => {
    ws();
    if (!str()) return false;
    ws();
    if (text[i] !== ':') return false;
    i++;
    return true;
  };

  for (;;) {
    // A value is expected at i.
    ws();
    if (i >= n) return n;
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) i++;
      else {
        stack.push(c === '{' ? LBRACE : LBRACKET);
        if (c === '{' && !key()) return Math.min(i, n);
        continue;
      }
    } else if (c === '"') {
      if (!str()) return Math.min(i, n);
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      if (!num()) return Math.min(i, n);
    } else if (c === 't' || c === 'f' || c === 'n') {
      if (!lit(c === 't' ? 'true' : c === 'f' ? 'false' : 'null')) return Math.min(i, n);
    } else return i;
    // After a value: close containers or go on to the next member.
    for (;;) {
      ws();
      if (stack.length === 0) return i < n ? i : -1;
      if (i >= n) return n;
      const top = stack[stack.length - 1];
      const d = text[i];
      if (d === ',') {
        i++;
        if (top === LBRACE && !key()) return Math.min(i, n);
        break;
      }
      if ((top === LBRACKET && d === ']') || (top === LBRACE && d === '}')) {
        i++;
        stack.pop();
        continue;
      }
      return i;
    }
  }
}
