// Fields put first in a record line (`jn merge`'s _source/_label, `jn cat
// --meta`'s _path, ...): the line is spliced when it is a plain object
// without those keys (the common case: no parse), else parsed losslessly,
// the keys of the same names dropped, and written again. A value that is
// not an object is wrapped as {"value": ...}.
import { parseLosslessLine, stringifyLossless, type Lossless } from './lossless.js';

/** `{"a":1,"b":"x"}` → the text `"a":1,"b":"x"`, for prefixRecord. */
export function fieldsText(fields: [string, unknown][]): string {
  return fields.map(([k, v]) => `${JSON.stringify(k)}:${stringifyLossless(v)}`).join(',');
}

/** The record `line` with `prefix` (fieldsText of `keys`) first. */
export function prefixRecord(line: string, lineNo: number, prefix: string, keys: readonly string[]): string {
  if (line.startsWith('{') && line.endsWith('}') && !keys.some((k) => line.includes(JSON.stringify(k)))) {
    return line === '{}' ? `{${prefix}}` : `{${prefix},${line.slice(1)}`;
  }
  const value = parseLosslessLine(line, lineNo);
  const rest: Lossless = value instanceof Map ? value : new Map([['value', value]]);
  for (const k of keys) rest.delete(k);
  const body = stringifyLossless(rest);
  return body === '{}' ? `{${prefix}}` : `{${prefix},${body.slice(1)}`;
}
