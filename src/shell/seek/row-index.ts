// The sparse row index of a seekable source: the first byte of every
// `every`-th data row (default EVERY = 10,000), built by a background scan
// process (`jn seek index`, indexer.ts: nice 19, disk speed, cancellable)
// whose reports arrive here as they come, or loaded at once from the cache
// (cache.ts) when the same file (path, size, mtime, rules) was indexed
// before. Memory: 8 bytes per entry (a 10 GB file of 100-byte rows: 800 KB).
import { startPipeline, type RunningPipeline } from '../../pipeline/spawn.js';
import { nodeStage } from '../../pipeline/node.js';
import { ChunkLines } from '../../kit/io.js';
import { describeFailure } from '../../kit/failure.js';
import { jnBin } from '../source-stages.js';
import { cacheFile, loadIndex, type CacheKey } from './cache.js';
import type { IndexReport } from './indexer.js';
import { rulesArg } from './rules.js';
import type { Seekable } from './source.js';

/** Rows per index entry. */
const EVERY = 10_000;

export interface RowIndex {
  readonly ready: boolean;
  /** Total data rows once ready. */
  readonly rows: number | undefined;
  readonly scanned: { bytes: number; rows: number };
  /** Why the scan failed (it is not ready then, and never will be). */
  readonly error: string | undefined;
  /** Nearest indexed position at or before data row `row` (0-based). */
  before(row: number): { row: number; byte: number };
  /** Data row of a byte offset: exact at an indexed position (and at the
   * end of the file once ready), estimated elsewhere. */
  rowAt(byte: number): { row: number; exact: boolean };
  onProgress(cb: () => void): () => void;
  cancel(): void;
}

interface IndexOptions {
  every?: number;
  /** Use and fill the cache in $JN_HOME/cache/rows (default true). */
  cache?: boolean;
}

class Offsets {
  private data = new Float64Array(64);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  at(i: number): number {
    return this.data[i];
  }
  /** The last index whose offset is <= byte (-1 if none). */
  floor(byte: number): number {
    let lo = 0;
    let hi = this.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.data[mid] <= byte) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }
}

export function buildIndex(src: Seekable, opts: IndexOptions = {}): RowIndex {
  const every = opts.every ?? EVERY;
  const useCache = opts.cache ?? true;
  const file = cacheFile(src.path, src.rules, src.headerBytes, every);
  const key: CacheKey = { path: src.path, size: src.size, mtimeMs: src.mtimeMs, rules: src.rules, headerBytes: src.headerBytes, every };
  const offsets = new Offsets();
  const listeners = new Set<() => void>();
  const state = { ready: false, rows: undefined as number | undefined, bytes: src.headerBytes, seen: 0, error: undefined as string | undefined };
  const notify = () => listeners.forEach((cb) => cb());
  let pipeline: RunningPipeline | undefined;
  let cancelled = false;

  const stored = useCache ? loadIndex(file, key) : undefined;
  if (stored) {
    stored.offsets.forEach((o) => offsets.push(o));
    Object.assign(state, { ready: true, rows: stored.rows, bytes: src.size, seen: stored.rows });
  } else {
    offsets.push(src.headerBytes);
    const args = ['seek', 'index', src.path, `--from=${src.headerBytes}`, `--every=${every}`, `--rules=${rulesArg(src.rules)}`];
    if (useCache) args.push(`--cache=${file}`);
    pipeline = startPipeline([{ label: 'seek index', source: src.source, ...nodeStage(jnBin(), args), kind: 'jn' }], { stdin: 'ignore', stdout: 'pipe' });
    const lines = new ChunkLines();
    pipeline.stdout!.on('data', (chunk: Buffer) => {
      for (const line of lines.push(chunk)) {
        let r: IndexReport;
        try {
          r = JSON.parse(line) as IndexReport;
        } catch {
          continue;
        }
        r.at.forEach((o) => offsets.push(o));
        Object.assign(state, { bytes: r.bytes, seen: r.rows });
        if (r.done) Object.assign(state, { ready: true, rows: r.rows, bytes: src.size });
      }
      notify();
    });
    pipeline.stdout!.on('error', () => {});
    void pipeline.done.then((result) => {
      if (state.ready || cancelled) return;
      state.error = result.failure ? describeFailure(result.failure, false) : 'the row index scan ended early';
      notify();
    });
  }

  /** Bytes per row: measured by the scan so far, else the head's figure. */
  const rowBytes = () => (state.seen > every ? (state.bytes - src.headerBytes) / state.seen : src.rowBytes);

  return {
    get ready() {
      return state.ready;
    },
    get rows() {
      return state.rows;
    },
    get scanned() {
      return { bytes: state.bytes, rows: state.seen };
    },
    get error() {
      return state.error;
    },
    before(row: number) {
      const k = Math.max(0, Math.min(Math.floor(row / every), offsets.length - 1));
      return { row: k * every, byte: offsets.at(k) };
    },
    rowAt(byte: number) {
      if (byte <= src.headerBytes) return { row: 0, exact: true };
      if (state.ready && byte >= src.size) return { row: state.rows!, exact: true };
      const k = offsets.floor(byte);
      const base = offsets.at(k);
      if (base === byte) return { row: k * every, exact: true };
      let row: number;
      if (k + 1 < offsets.length) row = k * every + ((byte - base) / (offsets.at(k + 1) - base)) * every;
      else if (state.ready) row = k * every + ((byte - base) / (src.size - base)) * (state.rows! - k * every);
      else row = k * every + (byte - base) / rowBytes();
      const cap = state.ready ? state.rows! : Infinity;
      return { row: Math.min(Math.floor(row), cap), exact: false };
    },
    onProgress(cb: () => void) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    cancel() {
      cancelled = true;
      pipeline?.kill();
    },
  };
}
