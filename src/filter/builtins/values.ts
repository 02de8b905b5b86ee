// Builtins on values of any type: type, length, keys, has, contains, add,
// map, conversions (tostring, tojson, fromjson, tonumber...), reverse,
// flatten, abs.
import { typeName } from '../../kit/text.js';
import { fromV } from '../closures.js';
import { desc, err } from '../errors.js';
import { JsonParseError, parseJson } from '../json-input.js';
import { checkLength, tick } from '../memory.js';
import { dumpJq } from '../print.js';
import { add, equals } from '../runtime.js';
import { cpLength, hasKey, isObject, sortedKeys, utf8Length, type Value } from '../values.js';
import { table } from './registry.js';

const { map, def, v0, vN, alias } = table();

v0('type', (x) => typeName(x));
function length(x: Value): Value {
  if (x === null) return 0;
  switch (typeof x) {
    case 'boolean':
      throw err(`${desc(x)} has no length`);
    case 'number':
      return Math.abs(x);
    case 'string':
      return cpLength(x);
  }
  return Array.isArray(x) ? x.length : Object.keys(x).length;
}
v0('length', length);
alias('count/0', 'length/0');
v0('utf8bytelength', (x) => {
  if (typeof x !== 'string') throw err(`${desc(x)} only strings have UTF-8 byte length`);
  return utf8Length(x);
});
function keys(x: Value, sorted: boolean): Value {
  if (Array.isArray(x)) return x.map((_, j) => j);
  if (isObject(x)) return sorted ? sortedKeys(x) : Object.keys(x);
  throw err(`${desc(x)} has no keys`);
}
v0('keys', (x) => keys(x, true));
v0('keys_unsorted', (x) => keys(x, false));
vN('has', 1, (x, k) => {
  if (isObject(x) && typeof k === 'string') return hasKey(x, k);
  if (Array.isArray(x) && typeof k === 'number') return k >= 0 && k < x.length;
  throw err(`Cannot check whether ${typeName(x)} has a ${typeName(k)} key`);
});
function contains(a: Value, b: Value, depth = 0): boolean {
  if (depth > 10000) throw err('Containment check too deep');
  if (isObject(a) && isObject(b)) {
    for (const k in b) {
      if (!hasKey(a, k) || !contains(a[k], b[k], depth + 1)) return false;
    }
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) return b.every((y) => a.some((x) => contains(x, y, depth + 1)));
  if (typeof a === 'string' && typeof b === 'string') return a.includes(b);
  if (typeName(a) === typeName(b)) return equals(a, b);
  throw err(`${desc(a)} and ${desc(b)} cannot have their containment checked`);
}
vN('contains', 1, (a, b) => contains(a, b));
v0('add', (x) => {
  if (Array.isArray(x)) {
    let acc: Value = null;
    for (const v of x) acc = add(acc, v);
    return acc;
  }
  if (isObject(x)) {
    let acc: Value = null;
    for (const k in x) acc = add(acc, x[k]);
    return acc;
  }
  if (x === null) return null;
  throw err(`Cannot iterate over ${desc(x)}`);
});
def('add', 1, ([c]) =>
  fromV((i, e) => {
    let acc: Value = null;
    c.f(i, e, (v) => {
      acc = add(acc, v);
    });
    return acc;
  }),
);
def('map', 1, ([c]) => {
  const cf = c.f;
  const cv = c.v;
  return fromV((i, e) => {
    const out: Value[] = [];
    const each = (x: Value) => {
      if (cv) out.push(cv(x, e));
      else
        cf(x, e, (v) => {
          checkLength(out.length);
          out.push(v);
          tick();
        });
    };
    if (Array.isArray(i)) for (let j = 0; j < i.length; j++) each(i[j]);
    else if (isObject(i)) for (const k in i) each(i[k]);
    else throw err(`Cannot iterate over ${i === null ? 'null' : desc(i)}`);
    return out;
  });
});
v0('tostring', (x) => (typeof x === 'string' ? x : dumpJq(x)));
v0('tojson', (x) => dumpJq(x));
v0('fromjson', (x) => {
  if (typeof x !== 'string') throw err(`${desc(x)} cannot be parsed as JSON`);
  try {
    return parseJson(x);
  } catch (e) {
    if (e instanceof JsonParseError) throw err(`${e.message} at line 1, column ${e.offset} (while parsing '${x}')`);
    throw e;
  }
});
const NUM_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
v0('tonumber', (x) => {
  if (typeof x === 'number') return x;
  if (typeof x === 'string') {
    if (NUM_RE.test(x)) return Number(x);
    if (x === 'nan' || x === 'NaN') return NaN;
    throw err(`${desc(x)} cannot be parsed as a number`);
  }
  throw err(`${desc(x)} cannot be parsed as a number`);
});
v0('toboolean', (x) => {
  if (x === true || x === false) return x;
  if (x === 'true') return true;
  if (x === 'false') return false;
  throw err(`${desc(x)} cannot be parsed as a boolean`);
});

v0('reverse', (x) => {
  if (typeof x === 'string') return Array.from(x).reverse().join('');
  if (x === null) return [];
  if (!Array.isArray(x)) throw err(`Cannot reverse ${desc(x)}`);
  return x.slice().reverse();
});
function flatten(x: Value, depth: number): Value[] {
  if (!Array.isArray(x)) throw err(`Cannot iterate over ${desc(x)}`);
  const out: Value[] = [];
  const rec = (a: Value[], d: number) => {
    for (const v of a) {
      if (Array.isArray(v) && d > 0) rec(v, d - 1);
      else out.push(v);
    }
  };
  rec(x, depth);
  return out;
}
v0('flatten', (x) => flatten(x, 1e9));
vN('flatten', 1, (x, d) => {
  if (typeof d !== 'number') throw err('flatten depth must not be negative');
  if (d < 0) throw err('flatten depth must not be negative');
  return flatten(x, d);
});
v0('abs', (x) => {
  if (typeof x === 'number') return x < 0 ? -x : x;
  if (typeof x !== 'string' && !Array.isArray(x) && !isObject(x) && x !== null && typeof x !== 'boolean') return x;
  if (typeof x === 'string') return x;
  throw err(`${desc(x)} has no absolute value`);
});
v0('toarray', (x) => (Array.isArray(x) ? x : [x]));
v0('tostream_', (x) => x);

/** The builtins of this file. */
export const VALUES = map;
