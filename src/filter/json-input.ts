// JSON input on the slow paths: a lenient parser (jq's NaN literals, a BOM)
// with jq's error messages and the offset where the text goes wrong.
import { setKey, type Obj, type Value } from './values.js';

export class JsonParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parse one JSON text (jq's extensions: nan/NaN literals). Throws
 * JsonParseError with jq-like messages. */
export function parseJson(text: string): Value {
  try {
    return JSON.parse(text) as Value;
  } catch {
    // fall through to the careful parser for NaN and error messages
  }
  const p = new JsonParser(text);
  p.ws();
  if (p.i >= text.length) throw new JsonParseError('Expected JSON value', p.i);
  const v = p.value(0);
  p.ws();
  if (p.i < text.length) throw new JsonParseError('Unexpected extra JSON values', p.i);
  return v;
}

export class JsonParser {
  i = 0;
  constructor(readonly s: string) {
    if (s.charCodeAt(0) === 0xfeff) this.i = 1;
  }
  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }
  fail(msg: string): never {
    throw new JsonParseError(msg, this.i);
  }
  value(depth: number): Value {
    if (depth > 10000) this.fail('Exceeds depth limit for parsing');
    const s = this.s;
    const c = s[this.i];
    if (c === '{') {
      this.i++;
      const o: Obj = {};
      this.ws();
      if (s[this.i] === '}') {
        this.i++;
        return o;
      }
      for (;;) {
        this.ws();
        if (s[this.i] === "'") this.quoteFail();
        if (s[this.i] !== '"') this.fail('Object keys must be strings');
        const k = this.str();
        this.ws();
        if (s[this.i] !== ':') this.fail("Objects must consist of key:value pairs");
        this.i++;
        this.ws();
        setKey(o, k, this.value(depth + 1));
        this.ws();
        if (s[this.i] === ',') {
          this.i++;
          continue;
        }
        if (s[this.i] === '}') {
          this.i++;
          return o;
        }
        this.fail(this.i >= s.length ? 'Unfinished JSON term' : "Expected separator between values");
      }
    }
    if (c === '[') {
      this.i++;
      const a: Value[] = [];
      this.ws();
      if (s[this.i] === ']') {
        this.i++;
        return a;
      }
      for (;;) {
        this.ws();
        a.push(this.value(depth + 1));
        this.ws();
        if (s[this.i] === ',') {
          this.i++;
          continue;
        }
        if (s[this.i] === ']') {
          this.i++;
          return a;
        }
        this.fail(this.i >= s.length ? 'Unfinished JSON term' : 'Expected separator between values');
      }
    }
    if (c === '"') return this.str();
    if (c === "'") this.quoteFail();
    // literal / number token
    const start = this.i;
    while (this.i < s.length && !/[\s,\]}:[{"]/.test(s[this.i])) this.i++;
    const tok = s.slice(start, this.i);
    if (tok === '') this.fail(this.i >= s.length ? 'Unfinished JSON term' : `Unexpected character '${s[this.i]}'`);
    if (tok === 'null') return null;
    if (tok === 'true') return true;
    if (tok === 'false') return false;
    if (tok === 'nan' || tok === 'NaN' || tok === '-nan' || tok === '-NaN') return NaN;
    if (tok === 'Infinity' || tok === 'infinity') return Infinity;
    if (tok === '-Infinity' || tok === '-infinity') return -Infinity;
    if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(tok)) return Number(tok);
    if (this.i >= s.length) this.fail('Invalid numeric literal at EOF');
    this.fail('Invalid numeric literal');
  }
  quoteFail(): never {
    // jq reports the position just after the bare token's delimiter
    const s = this.s;
    while (this.i < s.length && !/[\s,:\]}]/.test(s[this.i])) this.i++;
    if (this.i < s.length) this.i++;
    this.fail("Invalid string literal; expected \", but got '");
  }
  str(): string {
    const s = this.s;
    const start = this.i;
    this.i++;
    let simple = true;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 34) break;
      if (c === 92) {
        simple = false;
        this.i += 2;
        continue;
      }
      this.i++;
    }
    if (this.i >= s.length) this.fail('Unfinished string');
    this.i++;
    const raw = s.slice(start, this.i);
    if (simple && !/[\u0000-\u001f]/.test(raw)) return raw.slice(1, -1);
    try {
      return JSON.parse(raw.replace(/[\u0000-\u001f]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0')));
    } catch {
      this.fail('Invalid escape');
    }
  }
}
