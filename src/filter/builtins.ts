// Native builtins. Each is a compile-time combinator: it receives its
// compiled arguments (closures over the call site's env) and returns a C.
import {
  Compiler,
  delpaths,
  Downstream,
  firstOf,
  fromV,
  getpath,
  HaltSignal,
  index,
  invalidPath,
  nonPath,
  setpath,
  wrapDownstream,
  type C,
  type Emit,
  type Env,
  type F,
  type NativeFn,
  type PF,
  type Path,
} from './compiler.js';
import {
  add,
  codepoints,
  compare,
  compareStrings,
  cpIndex,
  cpLength,
  cpSlice,
  desc,
  dumpJq,
  dumpTrunc,
  equals,
  err,
  formatNumber,
  getKey,
  hasKey,
  isObject,
  JqError,
  JsonParseError,
  parseJson,
  quoteString,
  setKey,
  sortedKeys,
  splitStr,
  truthy,
  typeOf,
  utf8Length,
  type Obj,
  type Value,
} from './runtime.js';

export const natives = new Map<string, NativeFn>();

function def(name: string, arity: number, fn: NativeFn): void {
  natives.set(`${name}/${arity}`, fn);
}

/** A function of the input only. */
function v0(name: string, fn: (x: Value) => Value): void {
  def(name, 0, () => fromV((i) => fn(i)));
}

/** Evaluate args (cartesian product; the first argument varies fastest,
 * like jq's C builtins) and call cb with their values. */
function cart(args: C[], i: Value, e: Env | null, cb: (vals: Value[]) => void, firstOuter = false): void {
  const n = args.length;
  const vals: Value[] = new Array(n);
  if (firstOuter) {
    const rec = (k: number): void => {
      if (k === n) return cb(vals.slice());
      args[k].f(i, e, (v) => {
        vals[k] = v;
        rec(k + 1);
      });
    };
    rec(0);
  } else {
    const rec = (k: number): void => {
      if (k < 0) return cb(vals.slice());
      args[k].f(i, e, (v) => {
        vals[k] = v;
        rec(k - 1);
      });
    };
    rec(n - 1);
  }
}

/** A function of the input and the values of its arguments. */
function vN(name: string, arity: number, fn: (x: Value, ...args: Value[]) => Value, firstOuter = false): void {
  def(name, arity, (args) => {
    if (args.every((a) => a.v)) {
      const vs = args.map((a) => a.v!);
      if (arity === 1) {
        const a0 = vs[0];
        return fromV((i, e) => fn(i, a0(i, e)));
      }
      if (arity === 2) {
        const [a0, a1] = vs;
        return fromV((i, e) => {
          const y = a1(i, e);
          return fn(i, a0(i, e), y);
        });
      }
      return fromV((i, e) => {
        const vals = new Array(arity);
        for (let k = arity - 1; k >= 0; k--) vals[k] = vs[k](i, e);
        return fn(i, ...vals);
      });
    }
    const f: F = (i, e, emit) => cart(args, i, e, (vals) => emit(fn(i, ...vals)), firstOuter);
    return { f, p: nonPath(f) };
  });
}

/** A generator of the input and argument values. */
function gN(name: string, arity: number, fn: (x: Value, emit: Emit, ...args: Value[]) => void, firstOuter = false): void {
  def(name, arity, (args) => {
    const f: F = (i, e, emit) => cart(args, i, e, (vals) => fn(i, emit, ...vals), firstOuter);
    return { f, p: nonPath(f) };
  });
}

function collect(c: C, i: Value, e: Env | null): Value[] {
  const out: Value[] = [];
  c.f(i, e, (v) => {
    out.push(v);
  });
  return out;
}

const need = (cond: boolean, msg: string) => {
  if (!cond) throw err(msg);
};

// ---------------- core ----------------

def('empty', 0, () => ({ f: () => {}, p: () => {} }));
v0('not', (x) => !truthy(x));
def('error', 0, () => ({
  f: (i) => {
    throw new JqError(i);
  },
  p: (i) => {
    throw new JqError(i);
  },
}));
def('error', 1, ([m]) => {
  const f: F = (i, e) =>
    m.f(i, e, (msg) => {
      throw new JqError(msg);
    });
  return { f, p: (i, _p, e) => f(i, e, () => {}) };
});
def('select', 1, ([c]) => {
  if (c.v) {
    const cv = c.v;
    return {
      f: (i, e, emit) => {
        if (truthy(cv(i, e))) emit(i);
      },
      p: (i, path, e, emit) => {
        if (truthy(cv(i, e))) emit(i, path);
      },
    };
  }
  return {
    f: (i, e, emit) =>
      c.f(i, e, (x) => {
        if (truthy(x)) emit(i);
      }),
    p: (i, path, e, emit) =>
      c.f(i, e, (x) => {
        if (truthy(x)) emit(i, path);
      }),
  };
});

function recurseAll(v: Value, emit: Emit): void {
  emit(v);
  if (Array.isArray(v)) for (let j = 0; j < v.length; j++) recurseAll(v[j], emit);
  else if (isObject(v)) for (const k in v) recurseAll(v[k], emit);
}
function recursePaths(v: Value, p: Path | null, emit: (v: Value, p: Path | null) => void): void {
  emit(v, p);
  if (p === null) {
    if (Array.isArray(v) || isObject(v)) throw invalidPath(v, 'iterate through');
    return;
  }
  if (Array.isArray(v)) for (let j = 0; j < v.length; j++) recursePaths(v[j], [...p, j], emit);
  else if (isObject(v)) for (const k in v) recursePaths(v[k], [...p, k], emit);
}
def('recurse', 0, () => ({ f: (i, _e, emit) => recurseAll(i, emit), p: (i, path, _e, emit) => recursePaths(i, path, emit) }));

def('path', 1, ([c]) => {
  const f: F = (i, e, emit) =>
    c.p(i, [], e, (v, p) => {
      if (p === null) throw err(`Invalid path expression with result ${dumpTrunc(v)}`);
      emit(p);
    });
  return { f, p: nonPath(f) };
});
def('paths', 0, () => {
  const f: F = (i, _e, emit) =>
    recursePaths(i, [], (_v, p) => {
      if (p!.length > 0) emit(p);
    });
  return { f, p: nonPath(f) };
});
def('getpath', 1, ([pc]) => ({
  f: (i, e, emit) =>
    pc.f(i, e, (p) => emit(getpath(i, p))),
  p: (i, path, e, emit) =>
    pc.f(i, e, (p) => {
      if (!Array.isArray(p)) throw err('Path must be specified as an array');
      if (path === null) throw invalidPath(i, `access element ${dumpJq(p)} of`);
      emit(getpath(i, p), [...path, ...p]);
    }),
}));
vN('setpath', 2, (i, p, v) => setpath(i, p, v));
vN('delpaths', 1, (i, ps) => delpaths(i, ps));
def('del', 1, ([c], cc) => {
  const f: F = (i, e, emit) => {
    const ps: Value[] = [];
    c.p(i, [], e, (v, p) => {
      if (p === null) throw err(`Invalid path expression with result ${dumpTrunc(v)}`);
      ps.push(p);
    });
    emit(delpaths(i, ps));
  };
  void cc;
  return { f, p: nonPath(f) };
});
natives.set('drop/1', natives.get('del/1')!);

def('first', 1, ([c]) => ({
  f: (i, e, emit) => {
    const stop = {};
    let got: Value | undefined;
    try {
      c.f(i, e, (v) => {
        got = v;
        throw stop;
      });
    } catch (x) {
      if (x !== stop) throw x;
    }
    if (got !== undefined) emit(got);
  },
  p: (i, path, e, emit) => {
    const stop = {};
    let got: [Value, Path | null] | undefined;
    try {
      c.p(i, path, e, (v, p) => {
        got = [v, p];
        throw stop;
      });
    } catch (x) {
      if (x !== stop) throw x;
    }
    if (got) emit(got[0], got[1]);
  },
}));
def('last', 1, ([c]) => ({
  f: (i, e, emit) => {
    let got: Value | undefined;
    c.f(i, e, (v) => {
      got = v;
    });
    if (got !== undefined) emit(got);
  },
  p: (i, path, e, emit) => {
    let got: [Value, Path | null] | undefined;
    c.p(i, path, e, (v, p) => {
      got = [v, p];
    });
    if (got) emit(got[0], got[1]);
  },
}));
def('isempty', 1, ([c]) =>
  fromV((i, e) => {
    const stop = {};
    try {
      c.f(i, e, () => {
        throw stop;
      });
    } catch (x) {
      if (x !== stop) throw x;
      return false;
    }
    return true;
  }),
);
function limitLike(name: string, skip: boolean): NativeFn {
  return ([nc, c]) => {
    const run = (i: Value, e: Env | null, n: Value, pathMode: boolean, path: Path | null, emit: (v: Value, p: Path | null) => void) => {
      if (typeof n !== 'number') throw err(`Invalid ${name} count`);
      if (n < 0) throw err(`${name} doesn't support negative count`);
      if (!skip && n <= 0) return;
      let count = 0;
      const stop = {};
      const each = (v: Value, p: Path | null) => {
        count++;
        if (skip) {
          if (count > n) emit(v, p);
          return;
        }
        emit(v, p);
        if (count >= n) throw stop;
      };
      try {
        if (pathMode) c.p(i, path, e, each);
        else c.f(i, e, (v) => each(v, null));
      } catch (x) {
        if (x !== stop) throw x;
      }
    };
    return {
      f: (i, e, emit) => nc.f(i, e, (n) => run(i, e, n, false, null, (v) => emit(v))),
      p: (i, path, e, emit) => nc.f(i, e, (n) => run(i, e, n, true, path, emit)),
    };
  };
}
def('limit', 2, limitLike('limit', false));
def('skip', 2, limitLike('skip', true));
def('nth', 2, ([nc, c]) => {
  const f: F = (i, e, emit) =>
    nc.f(i, e, (n) => {
      if (typeof n !== 'number') throw err('nth requires a number');
      if (n < 0) throw err("nth doesn't support negative indices");
      let count = 0;
      const stop = {};
      try {
        c.f(i, e, (v) => {
          if (count++ >= n) {
            emit(v);
            throw stop;
          }
        });
      } catch (x) {
        if (x !== stop) throw x;
      }
    });
  return { f, p: nonPath(f) };
});

// range
function rangeGen(from: Value, upto: Value, by: Value, emit: Emit): void {
  if (typeof from !== 'number' || typeof upto !== 'number' || typeof by !== 'number') throw err('Range bounds must be numeric');
  if (by > 0) for (let x = from; x < upto; x += by) emit(x);
  else if (by < 0) for (let x = from; x > upto; x += by) emit(x);
  else if (from < upto) for (;;) emit(from);
}
def('range', 1, ([n]) => {
  const f: F = (i, e, emit) =>
    n.f(i, e, (upto) => {
      if (typeof upto !== 'number') throw err('Range bounds must be numeric');
      for (let x = 0; x < upto; x++) emit(x);
    });
  return { f, p: nonPath(f) };
});
gN('range', 2, (_i, emit, from, upto) => rangeGen(from, upto, 1, emit), true);
gN('range', 3, (_i, emit, from, upto, by) => rangeGen(from, upto, by, emit), true);

// input
def('input', 0, (_a, cc) =>
  fromV(() => {
    const v = cc.rt.nextInput();
    if (v === undefined) throw err('No more inputs');
    return v;
  }),
);
def('inputs', 0, (_a, cc) => {
  const f: F = (_i, _e, emit) => {
    for (;;) {
      const v = cc.rt.nextInput();
      if (v === undefined) return;
      emit(v);
    }
  };
  return { f, p: nonPath(f) };
});
def('debug', 0, (_a, cc) => ({
  f: (i, _e, emit) => {
    cc.rt.stderr(`["DEBUG:",${dumpJq(i)}]\n`);
    emit(i);
  },
  p: (i, path, _e, emit) => {
    cc.rt.stderr(`["DEBUG:",${dumpJq(i)}]\n`);
    emit(i, path);
  },
}));
def('stderr', 0, (_a, cc) => ({
  f: (i, _e, emit) => {
    cc.rt.stderr(dumpJq(i));
    emit(i);
  },
  p: (i, path, _e, emit) => {
    cc.rt.stderr(dumpJq(i));
    emit(i, path);
  },
}));
v0('input_filename', () => null);
v0('input_line_number', () => 0);
v0('have_literal_numbers', () => true);
v0('have_decnum', () => false);
def('$ENV', 0, () => {
  let env: Obj | null = null;
  return fromV(() => {
    if (!env) {
      env = {};
      for (const [k, v] of Object.entries(process.env)) if (v !== undefined) setKey(env, k, v);
    }
    return env;
  });
});
def('halt', 0, () =>
  fromV(() => {
    throw new HaltSignal(0, null);
  }),
);
def('halt_error', 1, ([c]) => {
  const f: F = (i, e) =>
    c.f(i, e, (code) => {
      if (typeof code !== 'number') throw err('halt_error/1: number required');
      throw new HaltSignal(code, typeof i === 'string' ? i : dumpJq(i) + '\n');
    });
  return { f, p: nonPath(f) };
});
def('builtins', 0, (_a, cc) => fromV(() => builtinNames(cc)));
let builtinList: string[] | null = null;
function builtinNames(cc: Compiler): Value {
  void cc;
  if (!builtinList) {
    const names = new Set<string>();
    for (const k of natives.keys()) if (!k.startsWith('_') && !k.startsWith('$')) names.add(k);
    for (const k of preludeNames) if (!k.startsWith('_')) names.add(k);
    builtinList = [...names];
  }
  return builtinList.slice();
}
export let preludeNames: string[] = [];
export function setPreludeNames(n: string[]): void {
  preludeNames = n;
  builtinList = null;
}

// ---------------- types and basics ----------------

v0('type', (x) => typeOf(x));
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
natives.set('count/0', natives.get('length/0')!);
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
  throw err(`Cannot check whether ${typeOf(x)} has a ${typeOf(k)} key`);
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
  if (typeOf(a) === typeOf(b)) return equals(a, b);
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
          out.push(v);
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
    if (e instanceof JsonParseError) {
      const at = e.message.includes('at EOF') ? '' : '';
      throw err(`${e.message}${at} at line 1, column ${e.offset} (while parsing '${x}')`);
    }
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

// ---------------- sorting ----------------

function sortArr(x: Value, what = 'sorted'): Value[] {
  if (!Array.isArray(x)) throw err(`${desc(x)} cannot be ${what}, as it is not an array`);
  return x;
}
v0('sort', (x) => sortArr(x).slice().sort((a, b) => compare(a, b)));
function keyed(c: C, x: Value[], e: Env | null): { k: Value; v: Value; i: number }[] {
  return x.map((v, i) => ({ k: collect(c, v, e), v, i }));
}
function byKey(a: { k: Value; i: number }, b: { k: Value; i: number }): number {
  return compare(a.k, b.k) || a.i - b.i;
}
def('sort_by', 1, ([c]) => fromV((i, e) => keyed(c, sortArr(i), e).sort(byKey).map((t) => t.v)));
def('group_by', 1, ([c]) =>
  fromV((i, e) => {
    const ks = keyed(c, sortArr(i, 'grouped'), e).sort(byKey);
    const out: Value[][] = [];
    let prev: Value | undefined;
    for (const t of ks) {
      if (out.length && equals(prev!, t.k)) out[out.length - 1].push(t.v);
      else out.push([t.v]);
      prev = t.k;
    }
    return out;
  }),
);
def('unique_by', 1, ([c]) =>
  fromV((i, e) => {
    const ks = keyed(c, sortArr(i), e).sort(byKey);
    const out: Value[] = [];
    let prev: Value | undefined;
    for (const t of ks) {
      if (out.length && equals(prev!, t.k)) continue;
      out.push(t.v);
      prev = t.k;
    }
    return out;
  }),
);
v0('unique', (x) => {
  const s = sortArr(x).slice().sort((a, b) => compare(a, b));
  return s.filter((v, j) => j === 0 || compare(s[j - 1], v) !== 0);
});
function minMax(x: Value, keys: Value[] | null, max: boolean): Value {
  const a = sortArr(x);
  if (a.length === 0) return null;
  let best = 0;
  for (let j = 1; j < a.length; j++) {
    const c = keys ? compare(keys[j], keys[best]) : compare(a[j], a[best]);
    if (max ? c >= 0 : c < 0) best = j;
  }
  return a[best];
}
v0('min', (x) => minMax(x, null, false));
v0('max', (x) => minMax(x, null, true));
def('min_by', 1, ([c]) => fromV((i, e) => minMax(i, Array.isArray(i) ? i.map((v) => collect(c, v, e)) : null, false)));
def('max_by', 1, ([c]) => fromV((i, e) => minMax(i, Array.isArray(i) ? i.map((v) => collect(c, v, e)) : null, true)));
vN('bsearch', 1, (x, t) => {
  if (!Array.isArray(x)) throw err(`${desc(x)} cannot be searched from`);
  let lo = 0;
  let hi = x.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = compare(x[mid], t);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1 - lo;
});

// ---------------- math ----------------

function num(name: string, x: Value): number {
  if (typeof x !== 'number') throw err(`${desc(x)} number required`);
  void name;
  return x;
}
const math1: Record<string, (x: number) => number> = {
  floor: Math.floor,
  ceil: Math.ceil,
  round: (x) => (x < 0 ? -Math.round(-x) : Math.round(x)),
  sqrt: Math.sqrt,
  fabs: Math.abs,
  trunc: Math.trunc,
  rint: roundEven,
  nearbyint: roundEven,
  exp: Math.exp,
  exp2: (x) => Math.pow(2, x),
  exp10: (x) => Math.pow(10, x),
  pow10: (x) => Math.pow(10, x),
  expm1: Math.expm1,
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  cbrt: Math.cbrt,
  significand: (x) => {
    if (x === 0 || !isFinite(x)) return x;
    const e = Math.floor(Math.log2(Math.abs(x)));
    let m = x / Math.pow(2, e);
    if (Math.abs(m) >= 2) m /= 2;
    if (Math.abs(m) < 1) m *= 2;
    return m;
  },
  logb: (x) => (x === 0 ? -Infinity : !isFinite(x) ? Math.abs(x) : frexp(x)[1] - 1),
  gamma: lgamma,
  lgamma,
  tgamma: (x) => gammaFn(x),
  lgamma_r: lgamma,
  ceil10: Math.ceil,
};
function roundEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
function gammaFn(x: number): number {
  if (Number.isInteger(x) && x <= 0) return NaN;
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gammaFn(1 - x));
  x -= 1;
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
}
function lgamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  x -= 1;
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
function frexp(x: number): [number, number] {
  if (x === 0 || !isFinite(x) || isNaN(x)) return [x, 0];
  let e = Math.ceil(Math.log2(Math.abs(x)));
  let m = x / Math.pow(2, e);
  while (Math.abs(m) >= 1) {
    m /= 2;
    e++;
  }
  while (Math.abs(m) < 0.5) {
    m *= 2;
    e--;
  }
  return [m, e];
}
for (const [name, fn] of Object.entries(math1)) v0(name, (x) => fn(num(name, x)));
v0('frexp', (x) => frexp(num('frexp', x)));
v0('modf', (x) => {
  const n = num('modf', x);
  if (!isFinite(n)) return [isNaN(n) ? n : 0 * Math.sign(n), n];
  const ip = Math.trunc(n);
  return [n - ip, ip];
});
const math2: Record<string, (a: number, b: number) => number> = {
  pow: Math.pow,
  atan2: Math.atan2,
  fmin: Math.min,
  fmax: Math.max,
  fmod: (a, b) => a % b,
  hypot: Math.hypot,
  ldexp: (a, b) => a * Math.pow(2, Math.trunc(b)),
  scalb: (a, b) => a * Math.pow(2, b),
  scalbln: (a, b) => a * Math.pow(2, Math.trunc(b)),
  nextafter: nextafter,
  nexttoward: nextafter,
  copysign: (a, b) => Math.abs(a) * (b < 0 || Object.is(b, -0) ? -1 : 1),
  drem: (a, b) => {
    const q = roundEven(a / b);
    return a - q * b;
  },
  fdim: (a, b) => (a > b ? a - b : 0),
};
function nextafter(a: number, b: number): number {
  if (isNaN(a) || isNaN(b)) return NaN;
  if (a === b) return b;
  if (a === 0) return b > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, a);
  let bits = buf.getBigUint64(0);
  if (b > a === a > 0) bits += 1n;
  else bits -= 1n;
  buf.setBigUint64(0, bits);
  return buf.getFloat64(0);
}
for (const [name, fn] of Object.entries(math2)) vN(name, 2, (_x, a, b) => fn(num(name, a), num(name, b)));
vN('fma', 3, (_x, a, b, c) => num('fma', a) * num('fma', b) + num('fma', c));
v0('infinite', () => Infinity);
v0('nan', () => NaN);
v0('isinfinite', (x) => num('isinfinite', x) === Infinity || x === -Infinity);
v0('isnan', (x) => isNaN(num('isnan', x)));
v0('isnormal', (x) => {
  const n = num('isnormal', x);
  return isFinite(n) && n !== 0 && Math.abs(n) >= 2.2250738585072014e-308;
});
v0('now', () => Date.now() / 1000);

// ---------------- formats ----------------

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
const tostr = (x: Value): string => (typeof x === 'string' ? x : dumpJq(x));
export function applyFormat(name: string, x: Value): string {
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

// ---------------- regular expressions ----------------

interface Rx {
  re: RegExp;
  names: (string | null)[];
  global: boolean;
  noEmpty: boolean;
}
const rxCache = new Map<string, Rx>();
function compileRegex(pattern: Value, flags: Value): Rx {
  if (typeof pattern !== 'string') throw err(`${desc(pattern)} cannot be matched, as it is not a string`);
  if (flags !== null && typeof flags !== 'string') throw err(`${desc(flags)} is not a string`);
  const key = pattern + '\u0000' + (flags ?? '');
  let rx = rxCache.get(key);
  if (rx) return rx;
  let global = false;
  let noEmpty = false;
  let js = 'd';
  let extended = false;
  for (const fl of flags ?? '') {
    switch (fl) {
      case 'g':
        global = true;
        break;
      case 'i':
        js += 'i';
        break;
      case 'x':
        extended = true;
        break;
      case 'n':
        noEmpty = true;
        break;
      case 's':
        js += 's';
        break;
      case 'p':
        js += 's';
        extended = true;
        break;
      case 'l':
        break;
      default:
        throw err(`${flags} is not a valid modifier string`);
    }
  }
  let src = pattern;
  if (extended) src = src.replace(/\\#/g, '\u0000').replace(/#.*$/gm, '').replace(/\s+/g, '').replace(/\u0000/g, '\\#');
  // Oniguruma → JavaScript
  src = src.replace(/\\A/g, '^').replace(/\\z/g, '$').replace(/\\Z/g, '(?=\\n?$)').replace(/\\h/g, '[0-9a-fA-F]').replace(/\\H/g, '[^0-9a-fA-F]');
  const names = captureNames(src);
  let re: RegExp;
  try {
    // Oniguruma's \b is Unicode-aware (letters, marks, digits, _)
    const W = '[\\p{L}\\p{M}\\p{N}_]';
    const usrc = src.replace(/(?<!\\)((?:\\\\)*)\\b/g, `$1(?:(?<=${W})(?!${W})|(?<!${W})(?=${W}))`);
    re = new RegExp(usrc, js + 'gu');
  } catch {
    try {
      re = new RegExp(src, js + 'g');
    } catch (e) {
      throw err(`${pattern} (at offset 0) is not a valid regex: ${(e as Error).message}`);
    }
  }
  rx = { re, names, global, noEmpty };
  if (rxCache.size > 1000) rxCache.clear();
  rxCache.set(key, rx);
  return rx;
}
function captureNames(src: string): (string | null)[] {
  const names: (string | null)[] = [];
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      continue;
    }
    if (c === '(') {
      if (src[i + 1] !== '?') names.push(null);
      else if (src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!') {
        const end = src.indexOf('>', i);
        names.push(src.slice(i + 3, end));
      } else if (src[i + 2] === 'P' && src[i + 3] === '<') {
        const end = src.indexOf('>', i);
        names.push(src.slice(i + 4, end));
      }
    }
  }
  return names;
}
function matches(input: Value, re: Value, flags: Value, testOnly: boolean): Value[] {
  if (typeof input !== 'string') throw err(`${desc(input)} cannot be matched, as it is not a string`);
  if (Array.isArray(re)) {
    flags = re.length > 1 ? re[1] : null;
    re = re.length > 0 ? re[0] : null;
  }
  const rx = compileRegex(re, flags);
  const out: Value[] = [];
  rx.re.lastIndex = 0;
  const surr = /[\ud800-\udfff]/.test(input);
  const cp = (k: number) => (surr ? cpIndex(input, k) : k);
  const len = (s: string) => (surr ? cpLength(s) : s.length);
  for (;;) {
    const m = rx.re.exec(input);
    if (!m) break;
    if (m[0] === '' ) {
      // advance past empty matches (by code point)
      if (rx.re.lastIndex === m.index) rx.re.lastIndex += surr && input.charCodeAt(m.index) >= 0xd800 && input.charCodeAt(m.index) < 0xdc00 ? 2 : 1;
    }
    if (rx.noEmpty && m[0] === '') {
      if (m.index >= input.length) break;
      continue;
    }
    if (testOnly) return [true];
    const idx = (m as RegExpExecArray & { indices?: [number, number][] }).indices!;
    const caps: Value[] = [];
    for (let g = 1; g < m.length; g++) {
      const name = rx.names[g - 1] ?? null;
      if (m[g] === undefined) caps.push({ offset: -1, length: 0, string: null, name });
      else caps.push({ offset: cp(idx[g][0]), length: len(m[g]), string: m[g], name });
    }
    out.push({ offset: cp(m.index), length: len(m[0]), string: m[0], captures: caps });
    if (!rx.global) break;
    if (m.index >= input.length) break;
  }
  if (testOnly) return [false];
  return out;
}
vN('_match_impl', 3, (x, re, flags, t) => (truthy(t) ? matches(x, re, flags, true)[0] : matches(x, re, flags, false)));
gN('match', 1, (x, emit, re) => matches(x, re, null, false).forEach((m) => emit(m)));
gN('match', 2, (x, emit, re, fl) => matches(x, re, fl, false).forEach((m) => emit(m)));
vN('test', 1, (x, re) => matches(x, re, null, true)[0]);
vN('test', 2, (x, re, fl) => matches(x, re, fl, true)[0]);
function captureObj(m: Value): Obj {
  const o: Obj = {};
  for (const c of (m as Obj).captures as Obj[]) if (c.name !== null) setKey(o, c.name as string, c.string);
  return o;
}
gN('capture', 1, (x, emit, re) => matches(x, re, null, false).forEach((m) => emit(captureObj(m))));
gN('capture', 2, (x, emit, re, fl) => matches(x, re, fl, false).forEach((m) => emit(captureObj(m))));
function scan(x: Value, re: Value, fl: Value, emit: Emit) {
  for (const m of matches(x, re, 'g' + (typeof fl === 'string' ? fl : ''), false) as Obj[]) {
    const caps = m.captures as Obj[];
    emit(caps.length ? caps.map((c) => c.string) : m.string);
  }
}
gN('scan', 1, (x, emit, re) => scan(x, re, null, emit));
gN('scan', 2, (x, emit, re, fl) => scan(x, re, fl, emit));
function splitRe(x: Value, re: Value, fl: Value): Value[] {
  if (typeof x !== 'string') throw err(`${desc(x)} cannot be matched, as it is not a string`);
  const ms = matches(x, re, 'g' + (typeof fl === 'string' ? fl : ''), false) as Obj[];
  const out: Value[] = [];
  let prev = 0;
  for (const m of ms) {
    out.push(cpSlice(x, prev, m.offset as number));
    prev = (m.offset as number) + (m.length as number);
  }
  out.push(cpSlice(x, prev, cpLength(x)));
  return out;
}
vN('split', 2, (x, re, fl) => splitRe(x, re, fl));
gN('splits', 1, (x, emit, re) => splitRe(x, re, null).forEach((s) => emit(s)));
gN('splits', 2, (x, emit, re, fl) => splitRe(x, re, fl).forEach((s) => emit(s)));
function subImpl(global: boolean): NativeFn {
  return (args) => {
    const [reC, strC, flC] = args;
    const f: F = (i, e, emit) => {
      const withFlags = (re: Value, fl: Value) => {
        if (typeof i !== 'string') throw err(`${desc(i)} cannot be matched, as it is not a string`);
        const flags = (typeof fl === 'string' ? fl : '') + (global ? 'g' : '');
        const ms = matches(i, re, flags, false) as Obj[];
        if (ms.length === 0) {
          emit(i);
          return;
        }
        const results: string[] = [];
        let prev = 0;
        let first = true;
        for (const m of ms) {
          const gap = cpSlice(i, prev, m.offset as number);
          const inserts = collect(strC, captureObj(m), e);
          if (first) {
            for (let k = 0; k < inserts.length; k++) results.push('');
          }
          first = false;
          for (let k = 0; k < inserts.length && k < results.length; k++) {
            const ins = inserts[k];
            if (typeof ins !== 'string') throw err(`${desc(results[k] + gap)} and ${desc(ins)} cannot be added`);
            results[k] += gap + ins;
          }
          if (inserts.length < results.length) results.length = inserts.length;
          prev = (m.offset as number) + (m.length as number);
        }
        const tail = cpSlice(i, prev, cpLength(i));
        for (const r of results) emit(r + tail);
      };
      reC.f(i, e, (re) => {
        if (flC) flC.f(i, e, (fl) => withFlags(re, fl));
        else withFlags(re, null);
      });
    };
    return { f, p: nonPath(f) };
  };
}
def('sub', 2, subImpl(false));
def('sub', 3, (args, cc, pos) => {
  const [re, str, fl] = args;
  const g: F = (i, e, emit) =>
    fl.f(i, e, (flags) => {
      const global = typeof flags === 'string' && flags.includes('g');
      const flv = fromV(() => (typeof flags === 'string' ? flags.replace(/g/g, '') : flags));
      subImpl(global)([re, str, flv], cc, pos).f(i, e, emit);
    });
  return { f: g, p: nonPath(g) };
});
def('gsub', 2, subImpl(true));
def('gsub', 3, subImpl(true));

// ---------------- dates ----------------

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function gmtime(t: Value): Value[] {
  if (typeof t !== 'number') throw err('gmtime() requires a number');
  const ms = Math.floor(t) * 1000;
  const d = new Date(ms);
  if (isNaN(d.getTime())) throw err('gmtime() requires a valid time');
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const yday = Math.floor((ms - start) / 86400000);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds() + (t - Math.floor(t)), d.getUTCDay(), yday];
}
function tmToMs(tm: Value, fn: string): number {
  if (!Array.isArray(tm) || tm.length < 3 || tm.slice(0, 6).some((x) => typeof x !== 'number')) throw err(`${fn} requires parsed datetime inputs`);
  const n = tm as number[];
  return Date.UTC(n[0], n[1], n[2], n[3] ?? 0, n[4] ?? 0, Math.floor(n[5] ?? 0));
}
function mktime(tm: Value): number {
  if (!Array.isArray(tm)) throw err('mktime requires array of 6 numbers');
  return Math.floor(tmToMs(tm, 'mktime') / 1000);
}
const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c);
function strftime(tmv: Value, fmt: Value, name = 'strftime/1'): string {
  if (typeof tmv === 'number') tmv = gmtime(tmv);
  else if (!Array.isArray(tmv)) throw err(`${name} requires parsed datetime inputs`);
  if (typeof fmt !== 'string') throw err(`${name} requires a string format`);
  const ms = tmToMs(tmv, name);
  const d = new Date(ms);
  const tm = gmtime(ms / 1000) as number[];
  const Y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  const wd = d.getUTCDay();
  const yd = tm[7];
  return fmt.replace(/%([a-zA-Z%+])/g, (_s, c: string) => {
    switch (c) {
      case 'Y':
        return String(Y);
      case 'C':
        return pad(Math.floor(Y / 100));
      case 'y':
        return pad(Y % 100);
      case 'm':
        return pad(m + 1);
      case 'd':
        return pad(day);
      case 'e':
        return pad(day, 2, ' ');
      case 'H':
        return pad(H);
      case 'I':
        return pad(H % 12 === 0 ? 12 : H % 12);
      case 'M':
        return pad(M);
      case 'S':
        return pad(S);
      case 'j':
        return pad(yd + 1, 3);
      case 'Z':
        return 'UTC';
      case 'z':
        return '+0000';
      case 'a':
        return DAYS[wd].slice(0, 3);
      case 'A':
        return DAYS[wd];
      case 'b':
      case 'h':
        return MONTHS[m].slice(0, 3);
      case 'B':
        return MONTHS[m];
      case 'p':
        return H < 12 ? 'AM' : 'PM';
      case 'c':
        return `${DAYS[wd].slice(0, 3)} ${MONTHS[m].slice(0, 3)} ${pad(day, 2, ' ')} ${pad(H)}:${pad(M)}:${pad(S)} ${Y}`;
      case 'D':
        return `${pad(m + 1)}/${pad(day)}/${pad(Y % 100)}`;
      case 'F':
        return `${Y}-${pad(m + 1)}-${pad(day)}`;
      case 'T':
        return `${pad(H)}:${pad(M)}:${pad(S)}`;
      case 'R':
        return `${pad(H)}:${pad(M)}`;
      case 'r':
        return `${pad(H % 12 === 0 ? 12 : H % 12)}:${pad(M)}:${pad(S)} ${H < 12 ? 'AM' : 'PM'}`;
      case 's':
        return String(Math.floor(ms / 1000));
      case 'u':
        return String(wd === 0 ? 7 : wd);
      case 'w':
        return String(wd);
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case '%':
        return '%';
      case 'G':
        return String(Y);
      case 'U':
        return pad(Math.floor((yd + 7 - wd) / 7));
      case 'W':
        return pad(Math.floor((yd + 7 - ((wd + 6) % 7)) / 7));
      case 'V': {
        const target = new Date(Date.UTC(Y, m, day));
        const dayNr = (wd + 6) % 7;
        target.setUTCDate(target.getUTCDate() - dayNr + 3);
        const firstThursday = new Date(Date.UTC(target.getUTCFullYear(), 0, 4));
        return pad(1 + Math.round(((target.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7));
      }
    }
    return '%' + c;
  });
}
function strptime(s: Value, fmt: Value): Value {
  if (typeof s !== 'string') throw err(`strptime/1 requires string inputs and arguments`);
  if (typeof fmt !== 'string') throw err(`strptime/1 requires string inputs and arguments`);
  let Y = 1900;
  let mo = 0;
  let d = 1;
  let H = 0;
  let Mi = 0;
  let S = 0;
  let off = 0;
  let pos = 0;
  const fail = (): never => {
    throw err(`date "${s}" does not match format "${fmt}"`);
  };
  const num = (max: number) => {
    const m = /^[+-]?\d+/.exec(s.slice(pos, pos + max + (s[pos] === '+' || s[pos] === '-' ? 1 : 0)));
    if (!m) fail();
    pos += m![0].length;
    return Number(m![0]);
  };
  const word = (list: string[]) => {
    const rest = s.slice(pos).toLowerCase();
    for (let k = 0; k < list.length; k++) {
      const full = list[k].toLowerCase();
      if (rest.startsWith(full)) {
        pos += full.length;
        return k;
      }
      if (rest.startsWith(full.slice(0, 3))) {
        pos += 3;
        return k;
      }
    }
    return fail();
  };
  for (let k = 0; k < fmt.length; k++) {
    const c = fmt[k];
    if (c === '%') {
      const f = fmt[++k];
      switch (f) {
        case 'Y':
          Y = num(4);
          break;
        case 'm':
          mo = num(2) - 1;
          break;
        case 'd':
        case 'e':
          while (s[pos] === ' ') pos++;
          d = num(2);
          break;
        case 'H':
          H = num(2);
          break;
        case 'M':
          Mi = num(2);
          break;
        case 'S':
          S = num(2);
          break;
        case 'y':
          Y = num(2);
          Y += Y < 69 ? 2000 : 1900;
          break;
        case 'j':
          num(3);
          break;
        case 'b':
        case 'B':
        case 'h':
          mo = word(MONTHS);
          break;
        case 'a':
        case 'A':
          word(DAYS);
          break;
        case 'Z':
          while (pos < s.length && /[A-Za-z]/.test(s[pos])) pos++;
          break;
        case 'z': {
          const m = /^(?:Z|[+-]\d{2}:?\d{2})/.exec(s.slice(pos));
          if (!m) fail();
          pos += m![0].length;
          if (m![0] !== 'Z') {
            const sign = m![0][0] === '-' ? -1 : 1;
            const digits = m![0].slice(1).replace(':', '');
            off = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2)) * 60);
          }
          break;
        }
        case 's': {
          const t = num(20);
          const tm = gmtime(t) as number[];
          [Y, mo, d, H, Mi, S] = tm;
          break;
        }
        case 'T':
          H = num(2);
          if (s[pos++] !== ':') fail();
          Mi = num(2);
          if (s[pos++] !== ':') fail();
          S = num(2);
          break;
        case 'F':
          Y = num(4);
          if (s[pos++] !== '-') fail();
          mo = num(2) - 1;
          if (s[pos++] !== '-') fail();
          d = num(2);
          break;
        case 'p': {
          const ap = s.slice(pos, pos + 2).toUpperCase();
          if (ap === 'PM' && H < 12) H += 12;
          if (ap === 'AM' && H === 12) H = 0;
          pos += 2;
          break;
        }
        case '%':
          if (s[pos++] !== '%') fail();
          break;
        default:
          fail();
      }
    } else if (c === ' ') {
      while (s[pos] === ' ') pos++;
    } else if (s[pos++] !== c) fail();
  }
  if (pos !== s.length) fail();
  void off;
  return gmtime(Date.UTC(Y, mo, d, H, Mi, S) / 1000);
}
v0('gmtime', gmtime);
v0('localtime', gmtime);
v0('mktime', mktime);
vN('strftime', 1, (x, f) => strftime(x, f));
vN('strflocaltime', 1, (x, f) => strftime(x, f, 'strflocaltime/1'));
vN('strptime', 1, (x, f) => strptime(x, f));
v0('todate', (x) => strftime(x, '%Y-%m-%dT%H:%M:%SZ'));
v0('fromdate', (x) => mktime(strptime(x, '%Y-%m-%dT%H:%M:%SZ')));
v0('fromdateiso8601', (x) => mktime(strptime(x, '%Y-%m-%dT%H:%M:%SZ')));
v0('todateiso8601', (x) => strftime(x, '%Y-%m-%dT%H:%M:%SZ'));
v0('date', (x) => strftime(x, '%Y-%m-%dT%H:%M:%SZ'));

// ---------------- modify helpers used by the prelude ----------------

def('_modify', 2, ([paths, upd], cc) => {
  const f: F = (i, e, emit) => emit(cc.modify(paths, i, e, (old) => firstOf(upd, old, e)));
  return { f, p: nonPath(f) };
});
def('map_values', 1, ([upd], cc) => {
  const each = cc.compileCall('_iter', []);
  const f: F = (i, e, emit) => emit(cc.modify(each, i, e, (old) => firstOf(upd, old, e)));
  return { f, p: nonPath(f) };
});
def('_iter', 0, () => {
  const f: F = (i, _e, emit) => {
    if (Array.isArray(i)) i.forEach((x) => emit(x));
    else if (isObject(i)) for (const k in i) emit(i[k]);
    else throw err(`Cannot iterate over ${i === null ? 'null' : desc(i)}`);
  };
  const p: PF = (i, path, _e, emit) => {
    if (path === null) throw invalidPath(i, 'iterate through');
    if (Array.isArray(i)) i.forEach((x, j) => emit(x, [...path, j]));
    else if (isObject(i)) for (const k in i) emit(i[k], [...path, k]);
    else if (i !== null) throw err(`Cannot iterate over ${desc(i)}`);
  };
  return { f, p };
});
def('to_entries', 0, () =>
  fromV((i) => {
    if (!isObject(i)) {
      if (Array.isArray(i)) return i.map((v, k) => ({ key: k, value: v }));
      throw err(`${desc(i)} has no keys`);
    }
    const out: Value[] = [];
    for (const k in i) out.push({ key: k, value: i[k] });
    return out;
  }),
);

// keep imported helpers referenced (some are used only by the prelude)
void compareStrings;
void quoteString;
void getKey;
void Downstream;
void wrapDownstream;

// ---------------- jn extras (names jq does not define) ----------------

type Crypto = typeof import('node:crypto');
let cryptoMod: Crypto | null = null;
const crypto = (): Crypto => (cryptoMod ??= process.getBuiltinModule('node:crypto') as Crypto);
const str = (x: Value, fn: string): string => {
  if (typeof x !== 'string') throw err(`${fn} input must be a string, got ${desc(x)}`);
  return x;
};
const tstr = (x: Value): string => (typeof x === 'string' ? x : dumpJq(x));

v0('today', () => new Date().toISOString().slice(0, 10));
v0('epoch', () => Math.floor(Date.now() / 1000));
v0('epoch_ms', () => Date.now());
v0('random', () => Math.random());
vN('randint', 2, (_x, a, b) => {
  const lo = Math.ceil(num('randint', a));
  const hi = Math.floor(num('randint', b));
  if (hi < lo) throw err('randint: empty range');
  return lo + Math.floor(Math.random() * (hi - lo + 1));
});
v0('uuid', () => crypto().randomUUID());
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
v0('uuid7', () => {
  const b = crypto().randomBytes(16);
  const ms = Date.now();
  for (let k = 0; k < 6; k++) b[k] = Math.floor(ms / 2 ** (8 * (5 - k))) & 255;
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
});
v0('ulid', () => {
  let ms = Date.now();
  let time = '';
  for (let k = 0; k < 10; k++) {
    time = CROCKFORD[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  let rand = '';
  for (const byte of crypto().randomBytes(16)) rand += CROCKFORD[byte & 31];
  return time + rand;
});
const URL_ALPHABET = 'useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict';
const randomId = (n: number, alphabet: string) => {
  let s = '';
  for (const byte of crypto().randomBytes(n)) s += alphabet[byte % alphabet.length];
  return s;
};
v0('nanoid', () => randomId(21, URL_ALPHABET));
vN('nanoid', 1, (_x, n) => randomId(num('nanoid', n), URL_ALPHABET));
v0('shortid', () => randomId(10, '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'));
def('rownum', 0, (_a, cc) => fromV(() => cc.rt.rownum));
natives.set('seq/0', natives.get('rownum/0')!);

function words(s: string): string[] {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
      .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}
const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
v0('words', (x) => words(str(x, 'words')));
v0('slugify', (x) => words(str(x, 'slugify')).map((w) => w.toLowerCase()).join('-'));
v0('capitalize', (x) => cap(str(x, 'capitalize')));
v0('titlecase', (x) => str(x, 'titlecase').replace(/[\p{L}\p{N}]+/gu, cap));
v0('snakecase', (x) => words(str(x, 'snakecase')).map((w) => w.toLowerCase()).join('_'));
v0('kebabcase', (x) => words(str(x, 'kebabcase')).map((w) => w.toLowerCase()).join('-'));
v0('screamcase', (x) => words(str(x, 'screamcase')).map((w) => w.toUpperCase()).join('_'));
v0('pascalcase', (x) => words(str(x, 'pascalcase')).map(cap).join(''));
v0('camelcase', (x) => words(str(x, 'camelcase')).map((w, k) => (k ? cap(w) : w.toLowerCase())).join(''));
v0('hex', (x) => {
  if (typeof x === 'number') {
    if (!Number.isInteger(x)) throw err(`hex: ${desc(x)} is not an integer`);
    return (x < 0 ? '-' : '') + Math.abs(x).toString(16);
  }
  return Buffer.from(str(x, 'hex'), 'utf8').toString('hex');
});
v0('unhex', (x) => {
  const s = str(x, 'unhex');
  if (!/^([0-9a-fA-F]{2})*$/.test(s)) throw err(`unhex: ${desc(x)} is not hex`);
  return Buffer.from(s, 'hex').toString('utf8');
});
v0('urlencode', (x) => encodeURIComponent(tstr(x)));
v0('urldecode', (x) => {
  try {
    return decodeURIComponent(str(x, 'urldecode'));
  } catch {
    throw err(`urldecode: ${desc(x)} is not a valid URL encoding`);
  }
});
for (const alg of ['md5', 'sha1', 'sha256']) v0(alg, (x) => crypto().createHash(alg).update(tstr(x), 'utf8').digest('hex'));
let crcTable: Int32Array | null = null;
v0('crc32', (x) => {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = -1;
  for (const b of Buffer.from(tstr(x), 'utf8')) crc = crcTable[(crc ^ b) & 255] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
});
