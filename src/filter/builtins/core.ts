// Builtins of control: empty, error, select, first/last, limit, skip,
// nth, isempty, range.
import { firstOf, fromV, nonPath, type Emit, type Env, type F } from '../closures.js';
import type { NativeFn } from '../scope.js';
import { err, JqError } from '../errors.js';
import type { Path } from '../indexing.js';
import { truthy, type Value } from '../values.js';
import { table } from './registry.js';

const { map, def, v0, gN } = table();

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

def('first', 1, ([c]) => ({
  f: (i, e, emit) => {
    const got = firstOf(c, i, e);
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

/** The builtins of this file. */
export const CORE = map;
