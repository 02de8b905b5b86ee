// jn's extras, names jq does not define: time, random ids, hashes, case
// conversions, hex, URL encoding, rownum.
import { fromV } from '../closures.js';
import { desc, err } from '../errors.js';
import type { Value } from '../values.js';
import { tostr } from './formats.js';
import { num } from './math.js';
import { table } from './registry.js';

const { map, def, v0, vN, alias } = table();

type Crypto = typeof import('node:crypto');
let cryptoMod: Crypto | null = null;
/** node:crypto, loaded on first use. */
export const crypto = (): Crypto => (cryptoMod ??= process.getBuiltinModule('node:crypto') as Crypto);
const str = (x: Value, fn: string): string => {
  if (typeof x !== 'string') throw err(`${fn} input must be a string, got ${desc(x)}`);
  return x;
};

v0('today', () => new Date().toISOString().slice(0, 10));
v0('epoch', () => Math.floor(Date.now() / 1000));
v0('epoch_ms', () => Date.now());
v0('random', () => Math.random());
vN('randint', 2, (_x, a, b) => {
  const lo = Math.ceil(num(a));
  const hi = Math.floor(num(b));
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
/** n characters drawn at random from alphabet. */
export const randomId = (n: number, alphabet: string) => {
  let s = '';
  for (const byte of crypto().randomBytes(n)) s += alphabet[byte % alphabet.length];
  return s;
};
v0('nanoid', () => randomId(21, URL_ALPHABET));
vN('nanoid', 1, (_x, n) => randomId(num(n), URL_ALPHABET));
v0('shortid', () => randomId(10, '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'));
def('rownum', 0, (_a, cc) => fromV(() => cc.rt.rownum));
alias('seq/0', 'rownum/0');

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
v0('urlencode', (x) => encodeURIComponent(tostr(x)));
v0('urldecode', (x) => {
  try {
    return decodeURIComponent(str(x, 'urldecode'));
  } catch {
    throw err(`urldecode: ${desc(x)} is not a valid URL encoding`);
  }
});
for (const alg of ['md5', 'sha1', 'sha256']) v0(alg, (x) => crypto().createHash(alg).update(tostr(x), 'utf8').digest('hex'));

/** The builtins of this file. */
export const EXTRAS = map;
