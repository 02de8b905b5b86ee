// Builtins on strings: case, code points, trimming, prefixes and
// suffixes, split/join, indices.
import { desc, err } from '../errors.js';
import { index } from '../indexing.js';
import { dumpJq } from '../print.js';
import { add, splitStr } from '../runtime.js';
import { codepoints, cpIndex, isObject, type Value } from '../values.js';
import { table } from './registry.js';

const { map, v0, vN } = table();

v0('ascii_downcase', (x) => {
  if (typeof x !== 'string') throw err(`ascii_downcase input must be a string`);
  return x.replace(/[A-Z]+/g, (s) => s.toLowerCase());
});
v0('ascii_upcase', (x) => {
  if (typeof x !== 'string') throw err(`ascii_upcase input must be a string`);
  return x.replace(/[a-z]+/g, (s) => s.toUpperCase());
});
v0('explode', (x) => {
  if (typeof x !== 'string') throw err(`explode input must be a string`);
  return codepoints(x);
});
v0('implode', (x) => {
  if (!Array.isArray(x)) throw err('implode input must be an array');
  let s = '';
  for (const c of x) {
    if (typeof c !== 'number' || isNaN(c)) throw err(`${desc(c)} can't be imploded, unicode codepoint needs to be numeric`);
    let cp = Math.trunc(c);
    if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) cp = 0xfffd;
    s += String.fromCodePoint(cp);
  }
  return s;
});
v0('ascii', (x) => {
  if (typeof x !== 'number') throw err('ascii input must be a number');
  return String.fromCodePoint(x);
});
vN('ltrimstr', 1, (x, p) => {
  if (typeof x !== 'string' || typeof p !== 'string') throw err('startswith() requires string inputs');
  return x.startsWith(p) ? x.slice(p.length) : x;
});
vN('rtrimstr', 1, (x, p) => {
  if (typeof x !== 'string' || typeof p !== 'string') throw err('endswith() requires string inputs');
  return x.endsWith(p) && p.length ? x.slice(0, x.length - p.length) : x;
});
vN('trimstr', 1, (x, p) => {
  if (typeof x !== 'string' || typeof p !== 'string') throw err('trimstr() requires string inputs');
  let s = x.startsWith(p) ? x.slice(p.length) : x;
  if (p.length && s.endsWith(p)) s = s.slice(0, s.length - p.length);
  return s;
});
vN('startswith', 1, (x, p) => {
  if (typeof x !== 'string' || typeof p !== 'string') throw err('startswith() requires string inputs');
  return x.startsWith(p);
});
vN('endswith', 1, (x, p) => {
  if (typeof x !== 'string' || typeof p !== 'string') throw err('endswith() requires string inputs');
  return x.endsWith(p);
});
const WS = '[\\u0009-\\u000d\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const LTRIM = new RegExp(`^${WS}+`);
const RTRIM = new RegExp(`${WS}+$`);
v0('trim', (x) => {
  if (typeof x !== 'string') throw err('trim input must be a string');
  return x.replace(LTRIM, '').replace(RTRIM, '');
});
v0('ltrim', (x) => {
  if (typeof x !== 'string') throw err('trim input must be a string');
  return x.replace(LTRIM, '');
});
v0('rtrim', (x) => {
  if (typeof x !== 'string') throw err('trim input must be a string');
  return x.replace(RTRIM, '');
});
vN('split', 1, (x, sep) => {
  if (typeof x !== 'string' || typeof sep !== 'string') throw err('split input and separator must be strings');
  return splitStr(x, sep);
});
vN('join', 1, (x, sep) => {
  if (!Array.isArray(x)) {
    if (isObject(x)) x = Object.values(x);
    else throw err(`Cannot iterate over ${desc(x)}`);
  }
  let acc: Value = null;
  for (const el of x as Value[]) {
    const s = el === null ? '' : typeof el === 'string' ? el : typeof el === 'number' || typeof el === 'boolean' ? dumpJq(el) : el;
    acc = add(acc === null ? '' : add(acc, sep), s);
  }
  return acc === null ? '' : acc;
});
function strIndices(x: Value, s: Value): Value {
  if (typeof x !== 'string') throw err(`${desc(x)} cannot be searched, as it is not a string`);
  if (typeof s !== 'string') throw err(`${desc(s)} is not a string`);
  if (s === '') return [];
  const r: number[] = [];
  let k = x.indexOf(s);
  while (k >= 0) {
    r.push(cpIndex(x, k));
    k = x.indexOf(s, k + 1);
  }
  return r;
}
vN('_strindices', 1, strIndices);
function indices(x: Value, i: Value): Value {
  if (x === null) return null;
  if (Array.isArray(x) && Array.isArray(i)) return index(x, i);
  if (Array.isArray(x)) return index(x, [i]);
  if (typeof x === 'string' && typeof i === 'string') return strIndices(x, i);
  return index(x, i);
}
vN('indices', 1, indices);
vN('index', 1, (x, i) => {
  const r = indices(x, i);
  return Array.isArray(r) ? (r.length ? r[0] : null) : null;
});
vN('rindex', 1, (x, i) => {
  const r = indices(x, i);
  return Array.isArray(r) ? (r.length ? r[r.length - 1] : null) : null;
});

/** The builtins of this file. */
export const STRINGS = map;
