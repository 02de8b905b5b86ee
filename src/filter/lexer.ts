// Tokenizer for the jq language. Strings are returned whole: the parser
// re-lexes the source of each `\( ... )` interpolation.

type TokKind =
  | 'num'
  | 'str' // value: StrTok
  | 'ident' // names, keywords; may contain ::
  | 'field' // .foo  (value: name)
  | 'var' // $name (value: name)
  | 'format' // @name
  | 'op' // punctuation and operators
  | 'eof';

interface StrPart {
  text?: string;
  /** Interpolation: source range of the inner expression. */
  start?: number;
  end?: number;
}

export interface Token {
  kind: TokKind;
  value: string;
  num?: number;
  parts?: StrPart[];
  pos: number;
  end: number;
}

/** A compile error at pos in the program text: a syntax error, a
 * semantic one (an undefined name, a constant object key that is not a
 * string), which jq reports without the "syntax error" prefix, or nesting
 * too deep for the parser (pos: where it was). */
export class SyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
    readonly kind: 'syntax' | 'semantic' | 'nesting' = 'syntax',
  ) {
    super(message);
  }
}

const OPS = ['?//=', '?//', '|=', '+=', '-=', '*=', '/=', '%=', '//=', '==', '!=', '<=', '>=', '//', '..', 'and', '|', ',', '+', '-', '*', '/', '%', '=', '<', '>', '.', '[', ']', '{', '}', '(', ')', ':', ';', '?'];

const isIdStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdChar = (c: string) => isIdStart(c) || (c >= '0' && c <= '9');
const isDigit = (c: string) => c >= '0' && c <= '9';

export function lex(src: string, start = 0, end = src.length): Token[] {
  const toks: Token[] = [];
  let i = start;
  while (true) {
    // whitespace and comments
    while (i < end) {
      const c = src[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '#') {
        while (i < end && src[i] !== '\n') {
          if (src[i] === '\\' && i + 1 < end) i++;
          i++;
        }
      } else break;
    }
    if (i >= end) {
      toks.push({ kind: 'eof', value: '', pos: end, end });
      return toks;
    }
    const c = src[i];
    const pos = i;
    if (c === '"') {
      const { parts, next } = lexString(src, i, end);
      toks.push({ kind: 'str', value: '', parts, pos, end: next });
      i = next;
      continue;
    }
    if (isDigit(c) || (c === '.' && i + 1 < end && isDigit(src[i + 1]))) {
      let j = i;
      while (j < end && isDigit(src[j])) j++;
      if (src[j] === '.') {
        j++;
        while (j < end && isDigit(src[j])) j++;
      }
      if (src[j] === 'e' || src[j] === 'E') {
        let k = j + 1;
        if (src[k] === '+' || src[k] === '-') k++;
        if (isDigit(src[k])) {
          while (k < end && isDigit(src[k])) k++;
          j = k;
        }
      }
      const text = src.slice(i, j);
      toks.push({ kind: 'num', value: text, num: Number(text), pos, end: j });
      i = j;
      continue;
    }
    if (c === '.' && i + 1 < end && isIdStart(src[i + 1])) {
      let j = i + 1;
      while (j < end && isIdChar(src[j])) j++;
      toks.push({ kind: 'field', value: src.slice(i + 1, j), pos, end: j });
      i = j;
      continue;
    }
    if (c === '$' && i + 1 < end && isIdStart(src[i + 1])) {
      let j = i + 1;
      while (j < end && (isIdChar(src[j]) || (src[j] === ':' && src[j + 1] === ':' && isIdStart(src[j + 2] ?? '')))) j += src[j] === ':' ? 2 : 1;
      toks.push({ kind: 'var', value: src.slice(i + 1, j), pos, end: j });
      i = j;
      continue;
    }
    if (c === '@' && i + 1 < end && isIdStart(src[i + 1])) {
      let j = i + 1;
      while (j < end && isIdChar(src[j])) j++;
      toks.push({ kind: 'format', value: src.slice(i + 1, j), pos, end: j });
      i = j;
      continue;
    }
    if (isIdStart(c)) {
      let j = i;
      while (j < end && (isIdChar(src[j]) || (src[j] === ':' && src[j + 1] === ':' && isIdStart(src[j + 2] ?? '')))) j += src[j] === ':' ? 2 : 1;
      toks.push({ kind: 'ident', value: src.slice(i, j), pos, end: j });
      i = j;
      continue;
    }
    let op = '';
    for (const o of OPS) {
      if (o === 'and') continue;
      if (src.startsWith(o, i) && i + o.length <= end) {
        op = o;
        break;
      }
    }
    if (op === '?//=') op = '?//';
    if (!op) throw new SyntaxError(`unexpected character '${c}'`, i);
    toks.push({ kind: 'op', value: op, pos, end: i + op.length });
    i += op.length;
  }
}

/** Scan a string literal starting at the quote; returns its parts. */
function lexString(src: string, i: number, end: number): { parts: StrPart[]; next: number } {
  const parts: StrPart[] = [];
  let buf = '';
  let j = i + 1;
  while (true) {
    if (j >= end) throw new SyntaxError('unterminated string literal', i);
    const c = src[j];
    if (c === '"') {
      j++;
      break;
    }
    if (c === '\\') {
      const e = src[j + 1];
      j += 2;
      switch (e) {
        case '"':
          buf += '"';
          break;
        case '\\':
          buf += '\\';
          break;
        case '/':
          buf += '/';
          break;
        case 'b':
          buf += '\b';
          break;
        case 'f':
          buf += '\f';
          break;
        case 'n':
          buf += '\n';
          break;
        case 'r':
          buf += '\r';
          break;
        case 't':
          buf += '\t';
          break;
        case 'u': {
          const hex = src.slice(j, j + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new SyntaxError('invalid \\u escape in string literal', j - 2);
          buf += String.fromCharCode(parseInt(hex, 16));
          j += 4;
          break;
        }
        case '(': {
          // find the matching paren by lexing
          const startExpr = j;
          let depth = 1;
          let k = j;
          while (depth > 0) {
            if (k >= end) throw new SyntaxError('unterminated string interpolation', j - 2);
            const ch = src[k];
            if (ch === '"') {
              k = lexString(src, k, end).next;
              continue;
            }
            if (ch === '#') {
              while (k < end && src[k] !== '\n') k++;
              continue;
            }
            if (ch === '(') depth++;
            else if (ch === ')') depth--;
            k++;
          }
          if (buf) parts.push({ text: buf });
          buf = '';
          parts.push({ start: startExpr, end: k - 1 });
          j = k;
          break;
        }
        default:
          throw new SyntaxError(`invalid escape '\\${e ?? ''}' in string literal`, j - 2);
      }
      continue;
    }
    buf += c;
    j++;
  }
  if (buf || parts.length === 0) parts.push({ text: buf });
  // Repair UTF-16 pairs written as two \u escapes (already fine in JS).
  return { parts, next: j };
}

/** Line and column (1-based) of an offset in a text (a program, JSON input). */
export function lineCol(text: string, offset: number): [number, number] {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return [line, col];
}
