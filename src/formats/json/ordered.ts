// JSON with its key order: parseJsonOrdered is JSON.parse except that
// objects become Maps, for the writers of formats where the order of keys
// shows (markdown and xlsx columns, YAML mappings).
import { parseJsonLine } from '../../kit/json.js';

/**
 * JSON.parse, except that objects become Maps, which keep the keys in the
 * order written: a plain object puts integer-like keys ("2024", "7") first,
 * which would reorder columns. Throws SyntaxError on invalid JSON (callers
 * then let JSON.parse name the error). Used by the writers of formats where
 * the order shows: markdown and xlsx columns, YAML mappings.
 */
function parseJsonOrdered(text: string): unknown {
  const n = text.length;
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError(`invalid JSON at position ${i}`);
  };
  const ws = (): void => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    }
  };
  const str = (): string => {
    const start = i++;
    let escaped = false;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        i++;
      } else if (c < 32) fail();
    }
    if (i >= n) fail();
    i++;
    return escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1);
  };
  const value = (): unknown => {
    ws();
    const c = text.charCodeAt(i);
    if (c === 123) {
      i++;
      const m = new Map<string, unknown>();
      ws();
      if (text.charCodeAt(i) === 125) {
        i++;
        return m;
      }
      for (;;) {
        ws();
        if (text.charCodeAt(i) !== 34) fail();
        const k = str();
        ws();
        if (text.charCodeAt(i++) !== 58) fail();
        m.set(k, value()); // a repeated key keeps its first place, takes the last value (as JSON.parse)
        ws();
        const d = text.charCodeAt(i++);
        if (d === 125) return m;
        if (d !== 44) fail();
      }
    }
    if (c === 91) {
      i++;
      const a: unknown[] = [];
      ws();
      if (text.charCodeAt(i) === 93) {
        i++;
        return a;
      }
      for (;;) {
        a.push(value());
        ws();
        const d = text.charCodeAt(i++);
        if (d === 93) return a;
        if (d !== 44) fail();
      }
    }
    if (c === 34) return str();
    const start = i;
    for (; i < n; i++) {
      const d = text.charCodeAt(i);
      if (d === 44 || d === 93 || d === 125 || d === 58 || d === 32 || d === 9 || d === 10 || d === 13) break;
    }
    if (i === start) fail();
    return JSON.parse(text.slice(start, i)); // a number or true/false/null, checked by JSON.parse
  };
  const v = value();
  ws();
  if (i !== n) fail();
  return v;
}

/** Compact JSON text of a value from parseJsonOrdered (Maps as objects, in order). */
export function orderedJsonText(value: unknown): string {
  if (value instanceof Map) {
    let out = '{';
    for (const [k, v] of value) out += (out.length > 1 ? ',' : '') + JSON.stringify(k) + ':' + orderedJsonText(v);
    return out + '}';
  }
  if (Array.isArray(value)) return '[' + value.map(orderedJsonText).join(',') + ']';
  return JSON.stringify(value) ?? 'null';
}

/** A record line as a Map (keys in written order); DataError naming the
 * line when it is not valid JSON. */
export function parseRecordLine(line: string, lineNo: number): unknown {
  try {
    return parseJsonOrdered(line);
  } catch {
    return parseJsonLine(line, lineNo); // throws JSON.parse's error, with the column
  }
}
