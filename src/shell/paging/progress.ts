// Progress of a run that reads on (run in full, a stage that reads
// everything): how far the source's process has read its file, from
// /proc/PID/fdinfo (Linux; elsewhere only rows and time are shown), and
// the line the status line draws of it.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { resolve } from 'node:path';

/** How far process `pid` has read the open file `path` (its fd's
 * position), or undefined when that cannot be known. */
export function readPosition(pid: number, file: string): number | undefined {
  const path = resolve(file);
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target !== path) continue;
      const m = /^pos:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
      if (m) return Number(m[1]);
    }
  } catch {
    // not Linux, or the process has ended
  }
  return undefined;
}

export interface ProgressFacts {
  /** Source bytes read, and the source's size, when known. */
  pos?: number;
  size?: number;
  /** Rows out of the last stage so far. */
  rows: number;
  elapsedMs: number;
}

const BAR = 12;

export function bytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} B`;
}

const clock = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 3600 ? `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** `[█████░░░░░░░] 41% · 1.1 GB of 2.6 GB · 3,400,000 rows · 120k rows/s · 0:12 left` */
export function progressText(f: ProgressFacts): string {
  const parts: string[] = [];
  const secs = f.elapsedMs / 1000;
  if (f.pos !== undefined && f.size) {
    const frac = Math.min(1, f.pos / f.size);
    const full = Math.round(frac * BAR);
    parts.push(`[${'█'.repeat(full)}${'░'.repeat(BAR - full)}] ${Math.floor(frac * 100)}%`, `${bytes(f.pos)} of ${bytes(f.size)}`);
  } else if (f.pos !== undefined) parts.push(`${bytes(f.pos)} read`);
  parts.push(`${f.rows.toLocaleString('en-US')} rows`);
  if (secs >= 0.5) parts.push(`${rate(f.rows / secs)} rows/s`);
  if (f.pos !== undefined && f.size && f.pos > 0 && secs >= 0.5) parts.push(`${clock(((f.size - f.pos) / (f.pos / secs)) * 1000)} left`);
  else parts.push(clock(f.elapsedMs));
  return parts.join(' · ');
}

const rate = (r: number): string => (r >= 1e6 ? `${(r / 1e6).toFixed(1)}M` : r >= 1e4 ? `${Math.round(r / 1e3)}k` : String(Math.round(r)));
