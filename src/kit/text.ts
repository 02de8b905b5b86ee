// Small text helpers shared by every process: names of JSON types, control
// characters made visible, and messages cut to one line. Each name says
// which of these it does; none of them truncates unless its name says so.

export type TypeName = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

/** The JSON type of a value, as jq names it (`null`, `array`, `object`, ...). */
export function typeName(v: unknown): TypeName {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Map) return 'object';
  return typeof v as TypeName;
}

const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
const CONTROLS = /[\x00-\x1f\x7f-\x9f]/g;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** Replace control characters (C0, DEL, C1) with a visible escape:
 * `\n`, `\r`, `\t`, `\b`, `\f`, otherwise `\xHH`. Keeps a message on one
 * line and terminal escape sequences in data away from the terminal. */
export function escapeControls(s: string): string {
  if (!CONTROL.test(s)) return s;
  return s.replace(CONTROLS, (c) => ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The first line of a (library's) multi-line message. */
export function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return nl === -1 ? s : s.slice(0, nl);
}

/** A multi-line message joined into one line: each line break and the
 * blanks around it become one space. */
export function joinLines(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/** s as a JSON string literal, cut to at most max characters (ending in
 * `..."` when cut): quoting a piece of user text inside a message. */
export function quoteShort(s: string, max = 60): string {
  const j = JSON.stringify(s);
  return j.length > max ? j.slice(0, max - 4) + '..."' : j;
}
