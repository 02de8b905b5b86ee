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

/** The builtins of this file. */
export const DATES = map;
