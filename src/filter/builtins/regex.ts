// Regular expressions (jq's Oniguruma syntax on JavaScript's RegExp):
// match, test, capture, scan, split/splits, sub, gsub.
import { fromV, nonPath, type Emit, type F } from '../closures.js';
import type { NativeFn } from '../scope.js';
import { desc, err } from '../errors.js';
import { cpIndex, cpLength, cpSlice, setKey, truthy, type Obj, type Value } from '../values.js';
import { collect, table } from './registry.js';

const { map, def, vN, gN } = table();

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

/** The builtins of this file. */
export const REGEX = map;
