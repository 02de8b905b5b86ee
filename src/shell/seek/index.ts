// STUB (wt-paging): the seek helper's API (branch wt-seek) until it is
// merged; replaced by theirs on merge.
import type { Stage } from '../../pipeline/spawn.js';

export interface Seekable {
  path: string;
  size: number;
  mtimeMs: number;
  format: 'ndjson' | 'csv' | 'tsv';
  headerBytes: number;
}
export function seekable(source: string): Seekable | { reason: string } {
  return { reason: `${source}: seeking is not built yet` };
}
export function resyncAt(_src: Seekable, offset: number): Promise<{ byte: number; exact: boolean }> {
  return Promise.resolve({ byte: offset, exact: false });
}
export function stagesFrom(_src: Seekable, _byte: number): { stages: Stage[]; stdin: number | 'ignore'; closeAfterSpawn: number[] } {
  throw new Error('stub');
}
export interface RowIndex {
  readonly ready: boolean;
  readonly rows: number | undefined;
  readonly scanned: { bytes: number; rows: number };
  before(row: number): { row: number; byte: number };
  rowAt(byte: number): { row: number; exact: boolean };
  onProgress(cb: () => void): () => void;
  cancel(): void;
}
export function buildIndex(_src: Seekable): RowIndex {
  throw new Error('stub');
}
