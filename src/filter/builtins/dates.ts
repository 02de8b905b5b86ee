// Dates: gmtime, mktime, strftime, strptime and the ISO 8601 shortcuts.
import { err } from '../errors.js';
import type { Value } from '../values.js';
import { table } from './registry.js';

const { map, v0, vN } = table();

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
/** A date being read by strptime: its fields so far and the position in
 * the text; fail() when the text does not match the format. */
class DateScan {
  Y = 1900;
  mo = 0;
  d = 1;
  H = 0;
  Mi = 0;
  S = 0;
  pos = 0;

  constructor(
    readonly s: string,
    readonly fmt: string,
  ) {}

  fail(): never {
    throw err(`date "${this.s}" does not match format "${this.fmt}"`);
  }

  /** A number of at most max digits (and a sign). */
  num(max: number): number {
    const s = this.s;
    const m = /^[+-]?\d+/.exec(s.slice(this.pos, this.pos + max + (s[this.pos] === '+' || s[this.pos] === '-' ? 1 : 0)));
    if (!m) this.fail();
    this.pos += m[0].length;
    return Number(m[0]);
  }

  /** The index in list of the name (or its first 3 letters) found next. */
  word(list: string[]): number {
    const rest = this.s.slice(this.pos).toLowerCase();
    for (let k = 0; k < list.length; k++) {
      const full = list[k].toLowerCase();
      if (rest.startsWith(full)) {
        this.pos += full.length;
        return k;
      }
      if (rest.startsWith(full.slice(0, 3))) {
        this.pos += 3;
        return k;
      }
    }
    return this.fail();
  }

  /** The character c next. */
  expect(c: string): void {
    if (this.s[this.pos++] !== c) this.fail();
  }

  skip(re: RegExp): void {
    while (this.pos < this.s.length && re.test(this.s[this.pos])) this.pos++;
  }
}

/** What each strptime directive reads. */
const PARSE: Record<string, (t: DateScan) => void> = {
  Y: (t) => (t.Y = t.num(4)),
  m: (t) => (t.mo = t.num(2) - 1),
  d: (t) => {
    t.skip(/ /);
    t.d = t.num(2);
  },
  H: (t) => (t.H = t.num(2)),
  M: (t) => (t.Mi = t.num(2)),
  S: (t) => (t.S = t.num(2)),
  y: (t) => {
    const y = t.num(2);
    t.Y = y + (y < 69 ? 2000 : 1900);
  },
  j: (t) => void t.num(3),
  b: (t) => (t.mo = t.word(MONTHS)),
  a: (t) => void t.word(DAYS),
  Z: (t) => t.skip(/[A-Za-z]/),
  // the offset is read and not applied
  z: (t) => {
    const m = /^(?:Z|[+-]\d{2}:?\d{2})/.exec(t.s.slice(t.pos));
    if (!m) return t.fail();
    t.pos += m[0].length;
  },
  s: (t) => {
    [t.Y, t.mo, t.d, t.H, t.Mi, t.S] = gmtime(t.num(20)) as number[];
  },
  T: (t) => {
    t.H = t.num(2);
    t.expect(':');
    t.Mi = t.num(2);
    t.expect(':');
    t.S = t.num(2);
  },
  F: (t) => {
    t.Y = t.num(4);
    t.expect('-');
    t.mo = t.num(2) - 1;
    t.expect('-');
    t.d = t.num(2);
  },
  p: (t) => {
    const ap = t.s.slice(t.pos, t.pos + 2).toUpperCase();
    if (ap === 'PM' && t.H < 12) t.H += 12;
    if (ap === 'AM' && t.H === 12) t.H = 0;
    t.pos += 2;
  },
  '%': (t) => t.expect('%'),
};
PARSE.e = PARSE.d;
PARSE.B = PARSE.h = PARSE.b;
PARSE.A = PARSE.a;

function strptime(s: Value, fmt: Value): Value {
  if (typeof s !== 'string') throw err(`strptime/1 requires string inputs and arguments`);
  if (typeof fmt !== 'string') throw err(`strptime/1 requires string inputs and arguments`);
  const t = new DateScan(s, fmt);
  for (let k = 0; k < fmt.length; k++) {
    const c = fmt[k];
    if (c === '%') {
      const parse = PARSE[fmt[++k]];
      if (!parse) t.fail();
      parse(t);
    } else if (c === ' ') t.skip(/ /);
    else t.expect(c);
  }
  if (t.pos !== s.length) t.fail();
  return gmtime(Date.UTC(t.Y, t.mo, t.d, t.H, t.Mi, t.S) / 1000);
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

/** The builtins of this file. */
export const DATES = map;
