// TOML -> NDJSON, pure logic (no I/O); plugins/toml.ts wires it to
// stdin/stdout, write.ts goes the other way. Parsing is done by smol-toml.
//
// TOML is one document (a table), not a sequence of records, so read holds
// the whole text. The document becomes one record, except:
// - with --array=KEY, each table of the top-level array KEY is a record;
// - a document jn wrote from several records (write.ts: its first line is
//   the comment `# jn records: [[KEY]]` and KEY is its only top-level key,
//   an array of tables) gives those records back;
// - empty input (blanks only) gives nothing, as nothing written gives it.
// Values keep their TOML type as JSON text: integers with all their digits
// (`1`), floats as floats (`1.0` stays `1.0`, `2095.10` is `2095.1`: the
// parser gives values, not text), inf and nan as null; dates and times
// become strings in their TOML form (RFC 3339 with T: `1979-05-27`,
// `07:32:00`, `1979-05-27T07:32:00Z`, `1979-05-27T00:32:00-07:00`,
// milliseconds when they are not zero).
import { parse, TomlError } from 'smol-toml';
import { DataError } from '../../kit/sdk.js';
import { typeName } from '../../kit/text.js';

/** The comment line that opens a document jn wrote from several records. */
export const RECORDS_MARK = '# jn records: ';

/** A key as TOML writes it: bare when it can be, else a basic string. */
export function tomlKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : tomlString(k);
}

/** A TOML basic string (JSON's escapes are TOML's; DEL must be escaped;
 * a lone surrogate, which TOML cannot hold, becomes U+FFFD). */
export function tomlString(s: string): string {
  return JSON.stringify((s as string & { toWellFormed(): string }).toWellFormed()).replace(/\x7f/g, '\\u007f');
}

/** A TOML date or time as text: its TOML form, milliseconds only when not 0. */
export function dateText(d: Date): string {
  return d.toISOString().replace(/\.000(?=$|Z|[+-])/, '');
}

/** JSON text of a float that still reads as a float: `1.0` for an
 * integral one (`1.2345678901234567e+19` from 10^16 on), as JSON.stringify
 * writes it otherwise. */
function floatText(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  if (!Number.isInteger(n)) return JSON.stringify(n);
  if (Math.abs(n) >= 1e16) return n.toExponential();
  return Object.is(n, -0) ? '-0.0' : n.toFixed(1);
}

/** Compact JSON text of a parsed TOML value (integers are bigints). */
function tomlJson(value: unknown): string {
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return floatText(value);
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      return 'null';
  }
  if (value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(dateText(value));
  if (Array.isArray(value)) return '[' + value.map(tomlJson).join(',') + ']';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) parts.push(JSON.stringify(k) + ':' + tomlJson(v));
  return '{' + parts.join(',') + '}';
}

/** The type of a parsed TOML value, as a JSON type name or `date`. */
function describe(v: unknown): string {
  return v instanceof Date ? 'date' : typeName(typeof v === 'bigint' ? 0 : v);
}

/** Parse a TOML document; DataError with line and column when it is invalid. */
function parseToml(text: string): Record<string, unknown> {
  try {
    return parse(text, { integersAsBigInt: true }) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof TomlError) {
      const message = err.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
      throw new DataError(`invalid TOML: ${message}`, err.line, err.column);
    }
    throw err;
  }
}

const isTableArray = (v: unknown): v is object[] =>
  Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Date));

/** The key of the records array when the document is one jn wrote from
 * several records (see the header), else undefined. */
function writtenArray(text: string, doc: Record<string, unknown>): string | undefined {
  if (!text.startsWith(RECORDS_MARK)) return undefined;
  const keys = Object.keys(doc);
  if (keys.length !== 1 || !isTableArray(doc[keys[0]])) return undefined;
  const end = text.indexOf('\n');
  const mark = text.slice(RECORDS_MARK.length, end === -1 ? text.length : end).trimEnd();
  return mark === `[[${tomlKey(keys[0])}]]` ? keys[0] : undefined;
}

/** The whole document as one record's JSON text (no BOM expected). */
export function tomlTableJson(text: string): string {
  return tomlJson(parseToml(text));
}

/** The NDJSON lines (each ending in a newline) for a TOML document. */
export function tomlToNdjson(text: string, arrayKey?: string): string {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (arrayKey === undefined && text.trim() === '') return '';
  const doc = parseToml(text);
  const key = arrayKey ?? writtenArray(text, doc);
  if (key === undefined) return tomlJson(doc) + '\n';
  if (!Object.hasOwn(doc, key)) throw new DataError(`no top-level key ${JSON.stringify(key)} (--array)`);
  const items = doc[key];
  if (!Array.isArray(items)) throw new DataError(`top-level ${JSON.stringify(key)} is ${describe(items) === 'object' ? 'a table' : 'a ' + describe(items)}, not an array (--array)`);
  return items.map((item) => tomlJson(item) + '\n').join('');
}
