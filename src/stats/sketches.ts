// Bounded-memory summaries for jn analyze: each uses memory that does not
// grow with the number of records.

/** 32-bit MurmurHash3 of a string's UTF-16 code units. */
function murmur3(s: string, seed = 0x9747b28c): number {
  let h = seed >>> 0;
  const n = s.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    let k = (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)) >>> 0;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  if (i < n) {
    let k = s.charCodeAt(i);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
  }
  h ^= n * 2;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** HyperLogLog distinct-count estimate, 2^p registers (p=14: 16 KiB,
 * standard error about 0.8%), with linear counting for small counts. */
export class HyperLogLog {
  private readonly m: number;
  private readonly registers: Uint8Array;
  constructor(private readonly p = 14) {
    this.m = 1 << p;
    this.registers = new Uint8Array(this.m);
  }

  add(key: string): void {
    const h = murmur3(key);
    const idx = h >>> (32 - this.p);
    const rest = (h << this.p) >>> 0;
    const rank = rest === 0 ? 32 - this.p + 1 : Math.clz32(rest) + 1;
    if (rank > this.registers[idx]) this.registers[idx] = rank;
  }

  estimate(): number {
    const m = this.m;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < m; i++) {
      sum += 2 ** -this.registers[i];
      if (this.registers[i] === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / m);
    const raw = (alpha * m * m) / sum;
    if (raw <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros));
    return Math.round(raw);
  }
}

/** Space-Saving heavy hitters: at most `capacity` counters; any value whose
 * true frequency exceeds n/capacity is kept, and each reported count
 * over-estimates the true one by at most the reported error. */
export class SpaceSaving {
  private readonly counts = new Map<string, { count: number; error: number }>();
  // Keys that held the minimum count at the last scan; entries go stale when
  // their count grows and are skipped. Refilled by a scan only when empty, so
  // a stream of new values costs O(1) amortised instead of O(capacity).
  private minKeys: string[] = [];
  private minCount = 0;
  constructor(private readonly capacity = 64) {}

  add(key: string): void {
    const c = this.counts.get(key);
    if (c) {
      c.count++;
      return;
    }
    if (this.counts.size < this.capacity) {
      this.counts.set(key, { count: 1, error: 0 });
      return;
    }
    for (;;) {
      if (this.minKeys.length === 0) this.scan();
      const victim = this.minKeys.pop()!;
      const v = this.counts.get(victim);
      if (!v || v.count !== this.minCount) continue;
      this.counts.delete(victim);
      this.counts.set(key, { count: this.minCount + 1, error: this.minCount });
      return;
    }
  }

  private scan(): void {
    let min = Infinity;
    for (const v of this.counts.values()) if (v.count < min) min = v.count;
    this.minCount = min;
    for (const [k, v] of this.counts) if (v.count === min) this.minKeys.push(k);
  }

  top(k: number): { value: string; count: number; error: number }[] {
    return [...this.counts.entries()]
      .map(([value, c]) => ({ value, count: c.count, error: c.error }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, k);
  }
}

/** Running count, mean and variance (Welford), min and max. */
export class Moments {
  n = 0;
  mean = 0;
  private m2 = 0;
  min = Infinity;
  max = -Infinity;

  add(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** Sample standard deviation (n - 1); 0 for a single value. */
  stddev(): number {
    return this.n > 1 ? Math.sqrt(this.m2 / (this.n - 1)) : 0;
  }
}
