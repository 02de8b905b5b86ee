// YAML <-> NDJSON, pure logic (no I/O); plugins/yaml.ts wires it to
// stdin/stdout. Parsing and printing are done by the `yaml` library.
//
// read: a YAML stream may hold any number of documents. Rather than handing
// the whole stream to the library, YamlDocumentSplitter cuts it into
// documents at the document markers (`---` and `...` lines at column 0) and
// each document is parsed on its own, so memory holds one document however
// long the stream is. Cutting there is safe: a line starting with `---` or
// `...` followed by a space or the line end is a marker wherever it appears
// (YAML 1.2 forbids it inside scalars, "c-forbidden"). Each document becomes
// one record; a document whose top level is a sequence becomes one record per
// item; an empty document (nothing but comments) gives nothing.
//
// Values use the YAML 1.2 core schema: no timestamps (dates stay strings),
// `yes`/`no`/`on`/`off` stay strings, even under a `%YAML 1.1` directive.
// Anchors, aliases and merge keys (`<<`) are resolved. Keys that are not
// scalars (`? [a, b]`) become their JSON text; key order is kept (a key
// like "2024" is not moved to the front); `.inf` and `.nan` become null
// (JSON has neither); a JSON number literal keeps its text both ways.
//
// write: one YAML document per record, each opened by a `---` line. Strings
// that a YAML 1.1 reader would take for something else (`yes`, `2024-01-15`,
// `1_000`) are quoted too, so older parsers read the same values back.
import { isScalar, parseAllDocuments, stringify, visit, type CreateNodeOptions, type DocumentOptions, type ParseOptions, type SchemaOptions, type Tags, type ToStringOptions, type YAMLError } from 'yaml';
import { DataError } from '../../kit/sdk.js';
import { JsonNumber } from '../../kit/lossless.js';

/** JSON numbers keep their text both ways (kit/lossless JsonNumber): read,
 * a plain scalar that is a JSON number literal (`1.0`, `-0`, 20 digits,
 * `1e400`) becomes that number as written (other YAML numbers, `0x1F`,
 * `+1`, `.5`, go by the core schema); write, such a number is written as
 * its text, which every YAML 1.2 reader takes as that number. */
const JSON_NUMBER_TAG = {
  identify: (v: unknown) => v instanceof JsonNumber,
  default: true,
  tag: 'tag:yaml.org,2002:float',
  test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/,
  resolve: (s: string) => new JsonNumber(s),
  stringify: (item: { value: unknown }) => (item.value as JsonNumber).text,
};
const jsonNumbersFirst = (tags: Tags): Tags => [JSON_NUMBER_TAG, ...tags];

const READ_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  customTags: jsonNumbersFirst,
  merge: true,
  uniqueKeys: true,
  prettyErrors: true,
  logLevel: 'silent',
};

const WRITE_OPTIONS: DocumentOptions & SchemaOptions & CreateNodeOptions & ToStringOptions = {
  schema: 'core',
  customTags: jsonNumbersFirst,
  compat: 'yaml-1.1',
  lineWidth: 0,
  aliasDuplicateObjects: false,
};

const DOC_START = /^---(?:[ \t]|$)/;
const DOC_END = /^\.\.\.(?:[ \t]|$)/;
const TRIVIA = /^(?:[ \t]*(?:#.*)?|%.*)$/;

/**
 * Cuts a YAML stream, given line by line, into the text of its documents.
 * Each document's text goes to onDocument with the stream line number of its
 * first line. Lines before a document's `---` that hold only comments,
 * directives (`%YAML`, `%TAG`) or nothing stay with that document.
 */
export class YamlDocumentSplitter {
  private lines: string[] = [];
  private firstLine = 1;
  /** The current piece has a `---` or content (not only trivia). */
  private content = false;

  constructor(private readonly onDocument: (text: string, firstLine: number) => void) {}

  /** The next line (without its line end) and its 1-based number. */
  line(text: string, lineNo: number): void {
    if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const c = text.charCodeAt(0);
    if (c === 45 && DOC_START.test(text)) {
      if (this.content) this.flush();
      this.add(text, lineNo);
      this.content = true;
      return;
    }
    if (c === 46 && DOC_END.test(text)) {
      this.add(text, lineNo);
      this.flush();
      return;
    }
    this.add(text, lineNo);
    if (!this.content && !TRIVIA.test(text)) this.content = true;
  }

  /** End of the stream: the last document. */
  end(): void {
    this.flush();
  }

  private add(text: string, lineNo: number): void {
    if (this.lines.length === 0) this.firstLine = lineNo;
    this.lines.push(text);
  }

  private flush(): void {
    const lines = this.lines;
    const content = this.content;
    this.lines = [];
    this.content = false;
    if (content) this.onDocument(lines.join('\n') + '\n', this.firstLine);
  }
}

function errorAt(err: YAMLError, firstLine: number): DataError {
  const message = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const pos = err.linePos?.[0];
  if (!pos) return new DataError(`invalid YAML: ${message}`, firstLine);
  return new DataError(`invalid YAML: ${message}`, firstLine + pos.line - 1, pos.col);
}

/** A YAML map key as a JSON key: strings as they are, null as "", other
 * scalars as their text, collections as their JSON text. */
function keyText(key: unknown): string {
  if (typeof key === 'string') return key;
  if (key === null || key === undefined) return '';
  if (typeof key === 'object') return toJsonText(key);
  return String(key);
}

/**
 * Compact JSON text of a value built by toJS({ mapAsMap: true }): maps keep
 * their key order (a JS object would move keys like "2024" to the front),
 * non-finite numbers become null, as in JSON.stringify.
 */
function toJsonText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') {
    if (typeof value === 'bigint') return value.toString();
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof JsonNumber) return value.text;
  if (Array.isArray(value)) return '[' + value.map(toJsonText).join(',') + ']';
  if (value instanceof Map) {
    const seen = new Map<string, string>();
    for (const [k, v] of value) seen.set(keyText(k), toJsonText(v)); // the last of equal keys wins, as in an object
    let out = '{';
    for (const [k, v] of seen) out += (out.length > 1 ? ',' : '') + JSON.stringify(k) + ':' + v;
    return out + '}';
  }
  if (value instanceof Set) return '[' + [...value].map(toJsonText).join(',') + ']';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  return JSON.stringify(value) ?? 'null';
}

/**
 * Parse the text of one document (normally one; a piece the splitter could
 * not cut is parsed as a stream) and pass on its records: the document's
 * value, or each item when it is a sequence. firstLine is the stream line
 * number of the text's first line, for error messages.
 */
export function yamlRecords(text: string, firstLine: number, emit: (json: string) => void): void {
  for (const doc of parseAllDocuments(text, READ_OPTIONS)) {
    if (doc.errors.length) throw errorAt(doc.errors[0], firstLine);
    const c = doc.contents;
    if (c === null || (isScalar(c) && c.value === null && c.source === '' && c.range?.[0] === c.range?.[1])) continue; // empty document
    let value: unknown;
    try {
      value = doc.toJS({ mapAsMap: true });
    } catch (err) {
      // "Unresolved alias (...): name" (an anchor from another document, or
      // none), "Excessive alias count indicates a resource exhaustion attack"
      const message = (err as Error).message;
      let at = doc.range?.[0] ?? 0;
      let column: number | undefined;
      const unresolved = /^Unresolved alias.*: (.+)$/.exec(message);
      if (unresolved) {
        visit(doc, {
          Alias(_key, node) {
            if (node.source !== unresolved[1] || !node.range) return undefined;
            at = node.range[0];
            return visit.BREAK;
          },
        });
        column = at - text.lastIndexOf('\n', at - 1);
      }
      const line = firstLine + (text.slice(0, at).match(/\n/g)?.length ?? 0);
      throw new DataError(`invalid YAML: ${message}`, line, column);
    }
    if (Array.isArray(value)) for (const item of value) emit(toJsonText(item));
    else emit(toJsonText(value));
  }
}

/** One record as a YAML document, opened by `---`. */
export function yamlDocument(value: unknown): string {
  return '---\n' + stringify(value, WRITE_OPTIONS);
}
