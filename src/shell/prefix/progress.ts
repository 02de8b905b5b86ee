// Which stage of a running preview is reading all its input before it
// writes (`filter -s`, `tail`, a sort): the first stage that has written
// (next to) nothing while what feeds it has (Linux /proc/PID/io: the bytes
// a process has written; Node itself writes a few bytes, to its event fds,
// so under QUIET bytes counts as nothing), and the line the stage list
// shows next to it. Elsewhere (no /proc) no stage is named: the status
// line's progress remains.
import { readFileSync } from 'node:fs';
import { bytes } from '../paging/progress.js';

/** Bytes written that count as no output. */
const QUIET = 1024;

export interface StageProc {
  /** -1: the source's processes; else the stage's argv index. */
  index: number;
  /** undefined: not running (ended, or its output comes from a spool). */
  pid: number | undefined;
}

/** Bytes process `pid` has written so far (to any fd), or undefined. */
function written(pid: number): number | undefined {
  try {
    const m = /^wchar:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export interface ReadingAll {
  index: number;
  /** Bytes written into it by the process before it, when known. */
  input?: number;
}

/** The first stage (not the source) that has written nothing yet while
 * its input has data: it is reading everything. */
export function readingAll(procs: readonly StageProc[], wrote: (pid: number) => number | undefined = written): ReadingAll | undefined {
  /** What the previous process wrote: bytes, or null when it has written
   * but the amount is not known (a spool, an ended process). */
  let before: number | null = 0;
  for (const p of procs) {
    const w = p.pid === undefined ? undefined : wrote(p.pid);
    if (p.index >= 0 && w !== undefined && w < QUIET && (before === null || before >= QUIET)) return { index: p.index, input: before ?? undefined };
    before = w === undefined ? null : w;
  }
  return undefined;
}

/** `reading all input… 120 MB of 1.0 GB · 45 MB in · 12 s` */
export function readingAllText(f: { pos?: number; size?: number; input?: number; elapsedMs: number }): string {
  const parts: string[] = [];
  if (f.pos !== undefined && f.size) parts.push(`${bytes(f.pos)} of ${bytes(f.size)}`);
  if (f.input !== undefined) parts.push(`${bytes(f.input)} in`);
  parts.push(`${Math.round(f.elapsedMs / 1000)} s`);
  return `reading all input… ${parts.join(' · ')}`;
}
