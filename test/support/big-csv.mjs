// A big generated CSV for the pager's tests and benchmark: header
// `n,city,amount,note`, the first column the row number (1-based), the
// rest from a seeded generator. Rows are assembled in a 4 MB buffer (the
// digits of n, then one of 4096 prepared tails): ~100 bytes a row, about
// disk speed. Returns the row count.
import { closeSync, openSync, writeSync } from 'node:fs';

const CITIES = ['Lisbon', 'Porto', 'Oslo', 'Lima', 'Kyoto', 'Quito', 'Accra', 'Hanoi', 'Perth', 'Cork'];
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];

/** Write about `bytes` of rows to `file`; `seed` picks the values. */
export function writeBigCsv(file, bytes, seed = 1) {
  let s = seed >>> 0 || 1;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) / 16777216;
  const tails = Array.from({ length: 4096 }, () => {
    const note = Array.from({ length: 8 }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
    return Buffer.from(`,${CITIES[Math.floor(rand() * CITIES.length)]},${(rand() * 1000).toFixed(2)},"${note}, ok"\n`);
  });
  const buf = Buffer.allocUnsafe(4 << 20);
  const digits = Buffer.allocUnsafe(20);
  const fd = openSync(file, 'w');
  let written = writeSync(fd, 'n,city,amount,note\n');
  let n = 0;
  try {
    while (written < bytes) {
      let at = 0;
      while (at < buf.length - 256 && written + at < bytes) {
        n++;
        let d = 20;
        for (let v = n; v > 0; v = Math.floor(v / 10)) digits[--d] = 48 + (v % 10);
        at += digits.copy(buf, at, d);
        at += tails[Math.imul(n, 0x9e3779b1) >>> 20].copy(buf, at);
      }
      written += writeSync(fd, buf, 0, at);
    }
  } finally {
    closeSync(fd);
  }
  return n;
}
