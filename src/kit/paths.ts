// Where jn finds its own files and the user's.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;
/** The installed package's root (holds package.json and dist/). Works from the
 * bundle (dist/jn.js, dist/chunks/*.js) and from sources run by tsx. */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'jn') return (cachedRoot = dir);
      } catch {
        /* keep looking */
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the jn package root');
    dir = up;
  }
}

/** `~` and `~/x` as a shell reads them (the home directory); any other
 * path as it is. Not normalised: `..` is left to the kernel. */
export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

/** The user's jn home: $JN_HOME, else ~/.local/jn. */
export function jnHome(): string {
  return process.env.JN_HOME || join(homedir(), '.local', 'jn');
}

/** The nearest `.jn` project directory at or above cwd, if any. */
export function projectDir(cwd = process.cwd()): string | undefined {
  let dir = cwd;
  const { root } = parse(dir);
  for (;;) {
    const candidate = join(dir, '.jn');
    if (existsSync(candidate)) return candidate;
    if (dir === root) return undefined;
    dir = dirname(dir);
  }
}

export function bundledPluginDir(): string {
  return join(packageRoot(), 'dist', 'plugins');
}
