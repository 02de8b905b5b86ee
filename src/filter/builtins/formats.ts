// The @formats (@text, @json, @html, @uri, @csv, @tsv, @sh, @base64,
// @base32 and their decoders) and the format builtin behind them.
import { fromV, nonPath, type F } from '../closures.js';
import { desc, err } from '../errors.js';
import { dumpJq, formatNumber } from '../print.js';
import { isObject, type Value } from '../values.js';
import { table } from './registry.js';

const { map, def } = table();

function fmtCsvTsv(x: Value, tsv: boolean): string {
  if (!Array.isArray(x)) throw err(`${desc(x)} cannot be ${tsv ? 'tsv' : 'csv'}-formatted, only an array can be`);
  return x
    .map((v) => {
      if (v === null) return '';
      if (typeof v === 'boolean') return v ? 'true' : 'false';
      if (typeof v === 'number') return formatNumber(v);
      if (typeof v === 'string') {
        if (tsv) return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
        return '"' + v.replace(/"/g, '""') + '"';
      }
      throw err(`${desc(v)} is not valid in a csv row`);
    })
    .join(tsv ? '\t' : ',');
}
function shQuote(v: Value): string {
  if (typeof v === 'string') return "'" + v.replace(/'/g, "'\\''") + "'";
  if (Array.isArray(v) || isObject(v)) throw err(`${desc(v)} can not be escaped for shell`);
  return dumpJq(v);
}
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(s: string): string {
  const b = Buffer.from(s, 'utf8');
  let out = '';
  let bits = 0;
  let val = 0;
  for (const byte of b) {
    val = (val << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(val >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(val << (5 - bits)) & 31];
  while (out.length % 8) out += '=';
  return out;
}
function base32d(s: string): string {
  const clean = s.replace(/=+$/, '');
  const bytes: number[] = [];
  let bits = 0;
  let val = 0;
  for (const ch of clean) {
    const k = B32.indexOf(ch.toUpperCase());
    if (k < 0) throw err(`${desc(s)} is not valid base32 data`);
    val = (val << 5) | k;
    bits += 5;
    if (bits >= 8) {
      bytes.push((val >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
function base64d(s: string): string {
  const clean = s.replace(/=+$/, '');
  if (/[^A-Za-z0-9+/]/.test(clean)) throw err(`${desc(s)} is not valid base64 data`);
  if (clean.length % 4 === 1) throw err(`${desc(s)} trailing base64 byte found`);
  return Buffer.from(clean, 'base64').toString('utf8');
}
function uriEncode(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
function uriDecode(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%') {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) throw err(`${desc(s)} is not a valid uri encoding`);
      bytes.push(parseInt(h, 16));
      i += 2;
    } else for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
  }
  const buf = Buffer.from(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw err(`${desc(s)} is not a valid uri encoding`);
  }
}
/** x as text: a string as it is, any other value as JSON. */
export const tostr = (x: Value): string => (typeof x === 'string' ? x : dumpJq(x));
function applyFormat(name: string, x: Value): string {
  switch (name) {
    case 'text':
      return tostr(x);
    case 'json':
      return dumpJq(x);
    case 'html':
      return tostr(x).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
    case 'uri':
      return uriEncode(tostr(x));
    case 'urid':
      return uriDecode(tostr(x));
    case 'csv':
      return fmtCsvTsv(x, false);
    case 'tsv':
      return fmtCsvTsv(x, true);
    case 'sh':
      return Array.isArray(x) ? x.map(shQuote).join(' ') : shQuote(x);
    case 'base64':
      return Buffer.from(tostr(x), 'utf8').toString('base64');
    case 'base64d':
      return base64d(tostr(x));
    case 'base32':
      return base32(tostr(x));
    case 'base32d':
      return base32d(tostr(x));
  }
  throw err(`${name} is not a valid format`);
}
def('format', 1, ([c]) => {
  if (c.v) {
    const name = c.v(null, null);
    if (typeof name !== 'string') throw err(`${desc(name)} is not a valid format`);
    if (name === 'text') return fromV((i) => (typeof i === 'string' ? i : dumpJq(i)));
    return fromV((i) => applyFormat(name, i));
  }
  const f: F = (i, e, emit) =>
    c.f(i, e, (name) => {
      if (typeof name !== 'string') throw err(`${desc(name)} is not a valid format`);
      emit(applyFormat(name, i));
    });
  return { f, p: nonPath(f) };
});

/** The builtins of this file. */
export const FORMATS = map;
