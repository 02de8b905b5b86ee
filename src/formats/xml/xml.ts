// XML <-> NDJSON, pure logic (no I/O); plugins/xml.ts wires it to
// stdin/stdout. Parsing is done by saxes (a streaming, well-formedness
// checking SAX parser); the writer is our own.
//
// read: text chunks go through saxes; only the element that is becoming a
// record is built up, so memory holds one record. Which elements are
// records: --record=TAG (every TAG element that is not inside another
// record; TAG is matched against the qualified name as written, and a TAG
// without a prefix also matches any prefix: `entry` matches `atom:entry`),
// by default the children of the root element.
//
// Mapping of an element to a JSON value:
// - attributes become "@name" members (names as written, so namespace
//   declarations are "@xmlns" / "@xmlns:ns" and prefixed attributes "@ns:a");
// - child elements become members named by their qualified name as written
//   ("ns:tag"); a name that occurs more than once becomes an array, in
//   document order;
// - an element with neither attributes nor child elements is its text, as
//   is (entities decoded, CDATA included, whitespace kept): `<a> x </a>` ->
//   " x ", `<a/>` -> "";
// - otherwise its text goes in "#text": as is when it has no child elements,
//   trimmed (pieces joined, whitespace-only dropped) when it has some;
// - a record that would be a plain string becomes {"#text": "..."} ({} when
//   empty), so every record is an object.
// Comments, processing instructions and the DOCTYPE are skipped; entities
// other than the five predefined ones and character references are errors
// (no DTD processing). All values are strings. Input is UTF-8 unless
// --encoding says otherwise (a declaration naming another encoding is
// refused rather than misread, unless --encoding was given).
//
// write: `<?xml ...?>`, then <records> (--root) holding one <record>
// (--record) per NDJSON object, with the inverse mapping, two-space indented.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DataError, UsageError } from '../../kit/sdk.js';
import { expectObject } from '../../kit/records.js';
import { JsonNumber, stringifyLossless } from '../../kit/lossless.js';

type Obj = Record<string, unknown>;

function newObj(): Obj {
  return Object.create(null) as Obj;
}

interface Frame {
  name: string;
  obj: Obj;
  text: string;
  attrs: boolean;
  children: boolean;
}

/** The JSON value an element maps to (see the header comment). */
function finish(f: Frame): unknown {
  if (!f.attrs && !f.children) return f.text;
  if (f.children) {
    const t = f.text.trim();
    if (t !== '') f.obj['#text'] = t;
  } else if (f.text !== '') f.obj['#text'] = f.text;
  return f.obj;
}

function localName(qname: string): string {
  const k = qname.indexOf(':');
  return k === -1 ? qname : qname.slice(k + 1);
}

interface XmlReadOptions {
  /** Qualified name (or local name) of the record element; default: the root's children. */
  record?: string;
  /** The --encoding the text was decoded from: the declaration's is then
   * not checked. */
  encoding?: string;
}

/**
 * Streaming XML -> records. push() text chunks (split anywhere), then end().
 * Errors are DataErrors with the line and column saxes reports.
 */
export class XmlRecordReader {
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private depth = 0;
  private stack: Frame[] = [];
  private started = false;
  /** Anything but whitespace seen (whitespace-only input has no records). */
  private blank = true;
  /** A finished record, passed on at the next parser event: saxes reports
   * a mismatched close tag only after its closetag event, and a record
   * closed by a wrong tag must not go out. */
  private pending: Obj | null = null;
  private readonly matches: (name: string) => boolean;

  constructor(
    private readonly emit: (record: Obj) => void,
    opts: XmlReadOptions = {},
  ) {
    const tag = opts.record;
    if (tag === undefined) this.matches = () => this.depth === 2;
    else if (tag.includes(':')) this.matches = (name) => name === tag;
    else this.matches = (name) => name === tag || localName(name) === tag;

    const p = this.parser;
    p.on('opentag', (tag: SaxesTagPlain) => this.open(tag));
    p.on('closetag', () => this.close());
    p.on('text', (t: string) => this.text(t));
    p.on('cdata', (t: string) => this.text(t));
    p.on('xmldecl', (decl) => {
      const enc = decl.encoding;
      // Text that got this far as UTF-16 was decoded as such (a BOM).
      if (enc !== undefined && opts.encoding === undefined && !/^(utf-?8|utf-?16|us-ascii|ascii)$/i.test(enc)) {
        throw new DataError(`the document declares encoding ${JSON.stringify(enc)}: read it with ?encoding=${enc} (plugin option --encoding=${enc})`, 1);
      }
    });
  }

  private release(): void {
    const rec = this.pending;
    if (rec !== null) {
      this.pending = null;
      this.emit(rec);
    }
  }

  private open(tag: SaxesTagPlain): void {
    this.release();
    this.depth++;
    if (this.stack.length === 0 && !this.matches(tag.name)) return;
    const obj = newObj();
    let attrs = false;
    for (const [k, v] of Object.entries(tag.attributes)) {
      obj['@' + k] = v;
      attrs = true;
    }
    this.stack.push({ name: tag.name, obj, text: '', attrs, children: false });
  }

  private close(): void {
    this.release();
    this.depth--;
    const stack = this.stack;
    if (stack.length === 0) return;
    const frame = stack.pop()!;
    const value = finish(frame);
    if (stack.length === 0) {
      if (typeof value === 'string') {
        const rec = newObj();
        if (value !== '') rec['#text'] = value; // <row/> is {}
        this.pending = rec;
      } else this.pending = value as Obj;
      return;
    }
    const parent = stack[stack.length - 1];
    parent.children = true;
    const existing = parent.obj[frame.name];
    if (existing === undefined) parent.obj[frame.name] = value;
    else if (Array.isArray(existing)) existing.push(value); // element values are never arrays themselves
    else parent.obj[frame.name] = [existing, value];
  }

  private text(t: string): void {
    const stack = this.stack;
    if (stack.length) stack[stack.length - 1].text += t;
  }

  private fail(err: unknown): never {
    const message = (err as Error).message ?? String(err);
    const m = /^(\d+):(\d+): ([\s\S]*)$/.exec(message);
    // (saxes counts the characters read on the line: 0 at a line's start)
    if (m) throw new DataError(`invalid XML: ${m[3].split('\n')[0]}`, Number(m[1]), Math.max(1, Number(m[2])));
    throw err;
  }

  push(text: string): void {
    if (!this.started) {
      if (text.length === 0) return;
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.blank && /\S/.test(text)) this.blank = false;
    try {
      this.parser.write(text);
      this.release();
    } catch (err) {
      if (err instanceof DataError) throw err;
      this.fail(err);
    }
  }

  end(): void {
    if (this.blank) return; // empty input: no records
    try {
      this.parser.close();
      this.release();
    } catch (err) {
      if (err instanceof DataError) throw err;
      this.fail(err);
    }
  }
}

// ----------------------------------------------------------------- writer

const NAME_START =
  'A-Z_a-z:\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = NAME_START + '\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040';
const XML_NAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u');

/** Is s an XML 1.0 Name (element or attribute name)? */
function isXmlName(s: string): boolean {
  return XML_NAME.test(s);
}

/** Characters XML 1.0 cannot hold at all (not even as a reference), and lone surrogates. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TEXT_SPECIAL = /[&<>\r]/g;
const ATTR_SPECIAL = /[&<>"\t\n\r]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Turns NDJSON records into the lines of one XML document. */
export class XmlWriter {
  private lineNo = 0;

  constructor(
    private readonly rootName = 'records',
    private readonly recordName = 'record',
  ) {
    if (!isXmlName(rootName)) throw new UsageError(`--root: ${JSON.stringify(rootName)} is not an XML element name`);
    if (!isXmlName(recordName)) throw new UsageError(`--record: ${JSON.stringify(recordName)} is not an XML element name`);
  }

  begin(): string {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<${this.rootName}>\n`;
  }

  end(): string {
    return `</${this.rootName}>\n`;
  }

  /** One record (a JSON object) as indented XML lines. */
  record(value: unknown, lineNo: number): string {
    this.lineNo = lineNo;
    expectObject(value, lineNo);
    const out: string[] = [];
    this.element(this.recordName, value, '  ', out);
    return out.join('');
  }

  private check(s: string, what: string): string {
    const m = FORBIDDEN.exec(s);
    if (m) {
      const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      throw new DataError(`${what}: character U+${code} cannot be written in XML 1.0`, this.lineNo);
    }
    return s;
  }

  private text(s: string, what: string): string {
    return this.check(s, what).replace(TEXT_SPECIAL, (c) => ENTITIES[c]);
  }

  private attr(s: string, what: string): string {
    return this.check(s, what).replace(ATTR_SPECIAL, (c) => ENTITIES[c]);
  }

  private name(name: string, what: string): string {
    if (!isXmlName(name)) throw new DataError(`${what} ${JSON.stringify(name)} is not a valid XML name`, this.lineNo);
    return name;
  }

  private scalar(v: unknown): string {
    if (typeof v === 'string') return v;
    return v instanceof JsonNumber ? v.text : JSON.stringify(v);
  }

  private element(name: string, value: unknown, indent: string, out: string[]): void {
    if (Array.isArray(value)) {
      // repeated elements; an array inside an array has no element of its own: JSON text
      for (const item of value) this.element(name, Array.isArray(item) ? stringifyLossless(item) : item, indent, out);
      return;
    }
    if (value === null || value === undefined) {
      out.push(`${indent}<${name}/>\n`);
      return;
    }
    if (typeof value !== 'object' || value instanceof JsonNumber) {
      out.push(`${indent}<${name}>${this.text(this.scalar(value), `value of ${JSON.stringify(name)}`)}</${name}>\n`);
      return;
    }
    let attrs = '';
    let hasText = false;
    let hasChildren = false;
    const members = value instanceof Map ? [...(value as Map<string, unknown>)] : Object.entries(value); // Maps: kit/lossless
    for (const [k, v] of members) {
      if (k.startsWith('@')) {
        if (v === null || v === undefined) continue;
        const an = this.name(k.slice(1), 'attribute name');
        attrs += ` ${an}="${this.attr(this.scalar(v), `attribute ${JSON.stringify(k)}`)}"`;
      } else if (k === '#text') hasText = v !== null && v !== undefined;
      else if (!(Array.isArray(v) && v.length === 0)) {
        this.name(k, 'key');
        hasChildren = true;
      }
    }
    if (!hasChildren) {
      if (!hasText) out.push(`${indent}<${name}${attrs}/>\n`);
      else out.push(`${indent}<${name}${attrs}>${this.text(this.scalar(members.find(([k]) => k === '#text')![1]), '#text')}</${name}>\n`);
      return;
    }
    out.push(`${indent}<${name}${attrs}>\n`);
    const inner = indent + '  ';
    for (const [k, v] of members) {
      if (k.startsWith('@')) continue;
      if (k === '#text') {
        if (v !== null && v !== undefined) out.push(`${inner}${this.text(this.scalar(v), '#text')}\n`);
      } else this.element(k, v, inner, out);
    }
    out.push(`${indent}</${name}>\n`);
  }
}
