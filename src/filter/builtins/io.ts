// Builtins that reach outside the program: further inputs, debug and
// stderr messages, $ENV, halt, the list of builtins.
import { fromV, HaltSignal, nonPath, type F } from '../closures.js';
import { err } from '../errors.js';
import { dumpJq } from '../print.js';
import { setKey, type Obj } from '../values.js';
import { table } from './registry.js';

const { map, def, v0 } = table();

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
def('input_filename', 0, (_a, cc) => fromV(() => cc.rt.filename));
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
def('builtins', 0, (_a, cc) => {
  const names = cc.builtinNames();
  return fromV(() => names.slice());
});

/** The builtins of this file. */
export const IO = map;
