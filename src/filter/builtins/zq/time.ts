// JN's ZQ time functions that jq lacks. The parts of the date (year ...
// weekday_num, time), in UTC, are those of the input's time (epoch seconds
// or an ISO 8601 date); of any other input (a record, null), those of now,
// as ZQ, which always read the clock; ago and delta measure from now to
// the input's time. xid_time (an xid's time) is in ids.ts.
import { desc, err } from '../../errors.js';
import type { Value } from '../../values.js';
import { table } from '../registry.js';

const { map, v0 } = table();

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad2 = (n: number) => String(n).padStart(2, '0');
/** The input's time (epoch seconds, an ISO 8601 date), or now (through
 * Date.now, which a test may fix) for any other input. */
function clock(x: Value): Date {
  if (typeof x === 'number' && Number.isFinite(x)) return new Date(x * 1000);
  const t = typeof x === 'string' ? isoSeconds(x) : undefined;
  return new Date(t === undefined ? Date.now() : t * 1000);
}

/** The ISO 8601 week (1-53) of a UTC date: the week (Monday first) of its
 * Thursday, counted from the week of January 4. */
function isoWeek(d: Date): number {
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const thursday = new Date(day + (3 - ((d.getUTCDay() + 6) % 7)) * 86400000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - yearStart) / 86400000 / 7) + 1;
}

v0('year', (x) => clock(x).getUTCFullYear());
v0('month', (x) => clock(x).getUTCMonth() + 1);
v0('day', (x) => clock(x).getUTCDate());
v0('hour', (x) => clock(x).getUTCHours());
v0('minute', (x) => clock(x).getUTCMinutes());
v0('second', (x) => clock(x).getUTCSeconds());
v0('week', (x) => isoWeek(clock(x)));
v0('weekday', (x) => DAYS[clock(x).getUTCDay()]);
v0('weekday_num', (x) => clock(x).getUTCDay());
v0('time', (x) => {
  const d = clock(x);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
});

/** YYYY-MM-DD, then optionally [T or space]HH:MM[:SS[.fraction]] and a
 * zone (Z, ±HH:MM, ±HHMM); no zone is UTC. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Epoch seconds of an ISO 8601 date, or undefined if s is none. */
function isoSeconds(s: string): number | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, sec = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x))) as number[];
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) return undefined;
  let offset = 0;
  const zone = m[7];
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    offset = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 3600 + Number(digits.slice(3, 5)) * 60);
  }
  return Math.floor(ms / 1000) - offset;
}

/** Seconds from the input's time to now (negative: the time is ahead). */
function secondsSince(x: Value, fn: string): number {
  const now = Math.floor(Date.now() / 1000);
  if (typeof x === 'number') {
    if (Number.isFinite(x)) return now - x;
    throw err(`${fn}: ${desc(x)} is not a time`);
  }
  if (typeof x === 'string') {
    const t = isoSeconds(x);
    if (t !== undefined) return now - t;
    throw err(`${fn}: ${desc(x)} is not an ISO 8601 date (YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM])`);
  }
  throw err(`${fn} input must be epoch seconds or an ISO 8601 date, got ${desc(x)}`);
}

const unit = (n: number, name: string) => `${n} ${name}${n === 1 ? '' : 's'}`;
const two = (n: number, a: string, m: number, b: string) => (m > 0 ? `${unit(n, a)}, ${unit(m, b)}` : unit(n, a));

/** How long ago (or ahead) diff seconds is, in its two largest units, as
 * ZQ writes it: "3 hours, 5 minutes ago", "2 days from now". Months are
 * 30 days and years 365. */
function agoText(diff: number): string {
  const s = Math.floor(Math.abs(diff));
  const suffix = diff < 0 ? ' from now' : ' ago';
  const days = Math.floor(s / 86400);
  let text: string;
  if (s < 60) text = unit(s, 'second');
  else if (s < 3600) text = unit(Math.floor(s / 60), 'minute');
  else if (s < 86400) text = two(Math.floor(s / 3600), 'hour', Math.floor((s % 3600) / 60), 'minute');
  else if (days < 30) text = two(days, 'day', Math.floor((s % 86400) / 3600), 'hour');
  else if (days < 365) text = two(Math.floor(days / 30), 'month', days % 30, 'day');
  else text = two(Math.floor(days / 365), 'year', Math.floor((days % 365) / 30), 'month');
  return text + suffix;
}

v0('delta', (x) => secondsSince(x, 'delta'));
v0('ago', (x) => agoText(secondsSince(x, 'ago')));

/** The time builtins of ZQ. */
export const ZQ_TIME = map;
