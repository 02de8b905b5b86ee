// JN's ZQ generated values and digests that jq lacks: sid, xid (and the
// time in an xid), randbool, hash(n), crc32.
import { desc, err } from '../../errors.js';
import { crypto, randomId } from '../extras.js';
import { tostr } from '../formats.js';
import { table } from '../registry.js';

const { map, v0, vN } = table();

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
v0('sid', () => randomId(6, BASE62));
v0('randbool', () => Math.random() < 0.5);

// xid (github.com/rs/xid): 12 bytes, 4 of epoch seconds (big-endian), 3 of
// machine, 2 of process id, 3 of a counter, in 20 characters of base32hex
// (lowercase). Ids of one second sort in the order they were made.
const B32HEX = '0123456789abcdefghijklmnopqrstuv';
let machine: Buffer | null = null;
let counter = -1;
v0('xid', () => {
  machine ??= crypto().randomBytes(3);
  if (counter < 0) counter = crypto().randomBytes(3).readUIntBE(0, 3);
  counter = (counter + 1) & 0xffffff;
  const b = Buffer.alloc(12);
  b.writeUInt32BE(Math.floor(Date.now() / 1000) >>> 0, 0);
  machine.copy(b, 4);
  b.writeUInt16BE(process.pid & 0xffff, 7);
  b.writeUIntBE(counter, 9, 3);
  // 96 bits and 4 zero bits, 5 bits a character
  let bits = BigInt('0x' + b.toString('hex')) << 4n;
  let s = '';
  for (let k = 0; k < 20; k++, bits >>= 5n) s = B32HEX[Number(bits & 31n)] + s;
  return s;
});
v0('xid_time', (x) => {
  if (typeof x !== 'string') throw err(`xid_time input must be a string, got ${desc(x)}`);
  if (!/^[0-9a-v]{20}$/.test(x)) throw err(`xid_time: ${desc(x)} is not an xid (20 characters 0-9, a-v)`);
  let bits = 0n;
  for (const c of x) bits = (bits << 5n) | BigInt(B32HEX.indexOf(c));
  // JN's own xids put the 4 spare bits first (they start with 0 or 1, which
  // rs/xid ids do only for times before 1978); rs/xid puts them last.
  return Number(x[0] === '0' || x[0] === '1' ? (bits >> 64n) & 0xffffffffn : bits >> 68n);
});

/** The first n characters of the MD5 of the input (as md5: the UTF-8 text
 * of a string, other values as JSON). */
vN('hash', 1, (x, n) => {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw err(`hash length must be a non-negative integer, got ${desc(n)}`);
  return crypto().createHash('md5').update(tostr(x), 'utf8').digest('hex').slice(0, n);
});

type Zlib = typeof import('node:zlib');
let zlibMod: Zlib | null = null;
/** CRC-32 (ISO-HDLC, as zlib and cksum -a crc32b) of the input, as md5
 * reads it, in 8 hex digits. */
v0('crc32', (x) => {
  zlibMod ??= process.getBuiltinModule('node:zlib') as Zlib;
  return zlibMod.crc32(tostr(x)).toString(16).padStart(8, '0');
});

/** The id and digest builtins of ZQ. */
export const ZQ_IDS = map;
