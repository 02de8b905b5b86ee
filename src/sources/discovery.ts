// Finding plugins and reading their metadata.
//
// Levels, highest priority first: the project's `.jn/plugins/` (nearest `.jn`
// at or above the working directory, only once the user trusts it: trust.ts),
// the user's `$JN_HOME/plugins/` (default ~/.local/jn/plugins), and the
// plugins bundled with jn. A plugin is any executable file there that answers
// `--jn-meta` within JN_META_TIMEOUT seconds (default 5). Answers are cached in
// `$JN_HOME/cache/plugin-meta.json` keyed by path, mtime and size; the
// bundled plugins' answers are recorded at build time in dist/plugins/meta.json.
import { spawnSync, type SpawnSyncOptionsWithStringEncoding } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { nodeStage } from '../pipeline/node.js';
import type { PluginMeta } from '../kit/sdk.js';
import { bundledPluginDir, jnHome } from '../kit/paths.js';
import { trustedProjectDir } from './trust.js';

export type Level = 'project' | 'user' | 'bundled';

export interface Plugin {
  name: string;
  path: string;
  level: Level;
  meta: PluginMeta;
}

interface BrokenPlugin {
  path: string;
  level: Level;
  error: string;
}

export interface Discovery {
  plugins: Plugin[];
  broken: BrokenPlugin[];
  dirs: { level: Level; dir: string }[];
}

interface CacheEntry {
  mtimeMs: number;
  size: number;
  meta: PluginMeta;
}

function pluginDirs(): { level: Level; dir: string }[] {
  const dirs: { level: Level; dir: string }[] = [];
  const project = trustedProjectDir();
  if (project) dirs.push({ level: 'project', dir: join(project, 'plugins') });
  dirs.push({ level: 'user', dir: join(jnHome(), 'plugins') });
  dirs.push({ level: 'bundled', dir: bundledPluginDir() });
  return dirs;
}

/** How a plugin file is run: .js/.mjs/.cjs with this Node, anything else
 * directly (it needs a #! line and the executable bit). */
export function commandFor(path: string): { command: string; args: string[] } {
  return /\.[cm]?js$/.test(path) ? nodeStage(path) : { command: path, args: [] };
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function validateMeta(value: unknown): PluginMeta {
  const m = value as PluginMeta;
  if (!m || typeof m !== 'object') throw new Error('--jn-meta did not print a JSON object');
  if (typeof m.name !== 'string' || !m.name) throw new Error('metadata lacks "name"');
  if (!Array.isArray(m.matches) || m.matches.some((r) => typeof r !== 'string')) throw new Error('metadata "matches" must be an array of regex strings');
  for (const r of m.matches) {
    try {
      new RegExp(r);
    } catch {
      throw new Error(`metadata "matches" has an invalid regex ${JSON.stringify(r)}`);
    }
  }
  if (!Array.isArray(m.modes) || m.modes.length === 0) throw new Error('metadata "modes" must list read, write and/or raw');
  if (typeof m.role !== 'string') throw new Error('metadata lacks "role"');
  return { ...m, version: typeof m.version === 'string' ? m.version : '0' };
}

/** How long a plugin may take to answer --jn-meta: JN_META_TIMEOUT seconds, default 5. */
function metaTimeout(): number {
  const s = Number(process.env.JN_META_TIMEOUT);
  return Number.isFinite(s) && s > 0 ? s : 5;
}

function queryMeta(path: string): PluginMeta {
  const { command, args } = commandFor(path);
  const seconds = metaTimeout();
  // Its own process group, so that a plugin that does not answer in time
  // is ended whole: a sh plugin's `sleep` must not outlive it. (spawnSync
  // honours `detached` like spawn, though Node's types and docs leave it out.)
  const options: SpawnSyncOptionsWithStringEncoding & { detached: boolean } = {
    encoding: 'utf8',
    timeout: seconds * 1000,
    killSignal: 'SIGKILL',
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  };
  const r = spawnSync(command, [...args, '--jn-meta'], options);
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') {
    try {
      process.kill(-r.pid, 'SIGKILL');
    } catch {
      /* nothing of it is left */
    }
    const why = `--jn-meta did not answer within ${seconds} s`;
    process.stderr.write(`jn: plugin ${path}: ${why}; skipped\n`);
    throw new Error(why);
  }
  if (r.error) throw new Error(`cannot run: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`--jn-meta exited with status ${r.status}${r.stderr ? `: ${r.stderr.trim().split('\n')[0]}` : ''}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.stdout);
  } catch {
    throw new Error('--jn-meta did not print valid JSON');
  }
  return validateMeta(parsed);
}

function listExecutables(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => !n.startsWith('.') && !n.endsWith('.json') && !n.endsWith('.md'))
    .map((n) => join(dir, n))
    .filter((p) => {
      try {
        if (!statSync(p).isFile()) return false;
        if (/\.[cm]?js$/.test(p)) return true;
        accessSync(p, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    })
    .sort();
}

let memo: Discovery | undefined;

/** Every plugin jn can see, in priority order (project, user, bundled). */
export function discoverPlugins(): Discovery {
  if (memo) return memo;
  const cacheFile = join(jnHome(), 'cache', 'plugin-meta.json');
  const cache = readJson<Record<string, CacheEntry>>(cacheFile) ?? {};
  let cacheDirty = false;
  const dirs = pluginDirs();
  const plugins: Plugin[] = [];
  const broken: BrokenPlugin[] = [];
  for (const { level, dir } of dirs) {
    const manifest = level === 'bundled' ? (readJson<Record<string, { mtimeMs: number; meta: PluginMeta }>>(join(dir, 'meta.json')) ?? {}) : {};
    for (const path of listExecutables(dir)) {
      try {
        const st = statSync(path);
        const fromManifest = manifest[path.slice(dir.length + 1)];
        const cached = cache[path];
        let meta: PluginMeta;
        if (fromManifest && fromManifest.mtimeMs === st.mtimeMs) meta = fromManifest.meta;
        else if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) meta = cached.meta;
        else {
          meta = queryMeta(path);
          cache[path] = { mtimeMs: st.mtimeMs, size: st.size, meta };
          cacheDirty = true;
        }
        plugins.push({ name: meta.name, path, level, meta });
      } catch (err) {
        broken.push({ path, level, error: (err as Error).message });
      }
    }
  }
  if (cacheDirty) writeCache(cacheFile, cache);
  memo = { plugins, broken, dirs };
  return memo;
}

function writeCache(file: string, cache: Record<string, CacheEntry>): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(cache));
    renameSync(tmp, file);
  } catch {
    /* a cache that cannot be written only costs time */
  }
}
