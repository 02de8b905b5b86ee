// JN's ZQ conversions, type tests and small transforms that jq lacks: int,
// float, bool, isnumber ... isnull, double, half, chomp, substr.
import { typeName } from '../../../kit/text.js';
import { desc, err } from '../../errors.js';
import { cpLength, cpSlice, isObject, type Value } from '../../values.js';
import { num } from '../math.js';
import { table } from '../registry.js';

const { map, v0, vN, alias } = table();

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const I64 = 2 ** 63;

/** ZQ's lenient number of x: numbers as they are, numeric strings parsed,
 * true/false as 1/0; null for anything else (not an error). */
function lenient(x: Value): number | null {
  if (typeof x === 'number') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'string' && NUMBER.test(x)) return Number(x);
  return null;
}
v0('int', (x) => {
  const n = lenient(x);
  // truncated toward zero; null where a 64-bit integer cannot hold it
  return n === null || !(Math.abs(n) < I64) ? null : Math.trunc(n) + 0;
});
v0('float', lenient);
v0('bool', (x) => {
  if (Array.isArray(x)) return x.length > 0;
  if (isObject(x)) return Object.keys(x).length > 0;
  return x !== false && x !== null && x !== 0 && x !== '';
});

for (const t of ['number', 'string', 'array', 'object', 'boolean', 'null']) v0(`is${t}`, (x) => typeName(x) === t);
alias('isbool/0', 'isboolean/0');

v0('double', (x) => num(x) * 2);
v0('half', (x) => num(x) / 2);

const str = (x: Value, fn: string): string => {
  if (typeof x !== 'string') throw err(`${fn} input must be a string, got ${desc(x)}`);
  return x;
};
v0('chomp', (x) => str(x, 'chomp').replace(/(?:\r\n|\n|\r)$/, ''));

/** Characters (code points) start .. start+length of s; a negative start
 * counts from the end, as in .[start:]. */
function substr(x: Value, start: Value, length?: Value): string {
  const s = str(x, 'substr');
  if (typeof start !== 'number' || !Number.isInteger(start)) throw err(`substr start must be an integer, got ${desc(start)}`);
  const n = cpLength(s);
  const from = start < 0 ? Math.max(0, n + start) : Math.min(start, n);
  if (length === undefined) return cpSlice(s, from, n);
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) throw err(`substr length must be a non-negative integer, got ${desc(length)}`);
  return cpSlice(s, from, Math.min(n, from + length));
}
vN('substr', 1, (x, start) => substr(x, start));
vN('substr', 2, (x, start, length) => substr(x, start, length));

/** The conversion and transform builtins of ZQ. */
export const ZQ_VALUES = map;
