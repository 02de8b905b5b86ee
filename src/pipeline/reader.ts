// Has the reader of our stdout gone? A pipe's writer learns it only by
// writing (EPIPE), so a chain whose last stage waits for input that may
// never come (`jn sh tail -f log | jn head -n 3`: tail writes nothing new,
// the stage after it waits) would outlive its reader. On Linux, /proc tells:
// a pipe has a reader while some process holds it open for reading (its
// fdinfo flags say O_RDONLY). watchReader looks after a second, then less
// often (up to every 5 s), and says when none is left. Where it cannot be
// sure (no /proc, not a pipe, a process whose fds it may not read), it
// never says gone.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The first look after a second, then less and less often (a scan of
 * /proc costs ~0.1 s of CPU on a busy machine), at most every 5 s. */
const FIRST_MS = 1000;
const MAX_MS = 5000;

/** True when some process reads `link` (`pipe:[N]`), false when none does,
 * undefined when a process's fds could not be read. */
function hasReader(link: string): boolean | undefined {
  let unsure = false;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') unsure = true; // not ours to read
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) !== link) continue;
        const flags = /^flags:\s+([0-7]+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
        if (flags && (parseInt(flags[1], 8) & 3) === 0) return true;
      } catch {
        // the fd (or the process) went away meanwhile
      }
    }
  }
  return unsure ? undefined : false;
}

/** Call onGone once when nothing reads `fd` (a pipe) any more; returns stop. */
export function watchReader(fd: number, onGone: () => void): () => void {
  let link: string;
  try {
    link = readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return () => {};
  }
  if (!/^pipe:\[\d+\]$/.test(link)) return () => {};
  let timer: NodeJS.Timeout;
  const look = (wait: number) => {
    timer = setTimeout(() => {
      if (hasReader(link) === false) onGone();
      else look(Math.min(MAX_MS, wait * 2));
    }, wait);
    timer.unref();
  };
  look(FIRST_MS);
  return () => clearTimeout(timer);
}
