// Where profiles live and which file `@namespace/name` means.
//
// A profile is `profiles/<type>/<namespace>/<name>.json` under one of three
// levels, highest priority first: the project's `.jn/profiles/` (nearest
// `.jn` at or above the working directory, only once the user trusts it:
// ../trust.ts), the user's `$JN_HOME/profiles/`,
// and the profiles bundled with jn (`<package root>/profiles/`). The type is
// the directory the file sits in (the plugin that serves it), so a reference
// names only namespace and name: the first level holding `<ns>/<name>.json`
// under any type wins, and two types holding it at that level is an error.
//
// Every level's `<type>/<namespace>/_meta.json` is inherited, whatever level
// the profile itself comes from, lowest priority first (bundled, user,
// project): see tree.ts for how they merge.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { Level } from '../discovery.js';
import { EXIT, JnError } from '../../kit/exit.js';
import { jnHome, packageRoot } from '../../kit/paths.js';
import { trustedProjectDir } from '../trust.js';

export type { Level };

/** One level's profile directory. `base` is what a relative `path` in its
 * files is relative to (undefined: the file's own directory). */
interface ProfileDir {
  level: Level;
  dir: string;
  base?: string;
}

/** A file that takes part in a profile, and where relative paths in it point. */
export interface Origin {
  file: string;
  level: Level;
  base: string;
}

export interface Located {
  ref: string;
  type: string;
  namespace: string;
  name: string;
  level: Level;
  file: string;
  origin: Origin;
  /** The _meta.json files it inherits, lowest priority first. */
  metas: Origin[];
}

/** Namespace, name and type are plain words; `_meta` is not a name. */
const WORD = /^[A-Za-z0-9][\w.-]*$/;

function profileDirs(): ProfileDir[] {
  const dirs: ProfileDir[] = [];
  const project = trustedProjectDir();
  if (project) dirs.push({ level: 'project', dir: join(project, 'profiles'), base: dirname(project) });
  dirs.push({ level: 'user', dir: join(jnHome(), 'profiles'), base: jnHome() });
  dirs.push({ level: 'bundled', dir: join(packageRoot(), 'profiles') });
  return dirs;
}

function originOf(file: string, d: ProfileDir): Origin {
  return { file, level: d.level, base: d.base ?? dirname(file) };
}

/** A file path for messages: relative to the working directory when inside it. */
export function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..' + sep) && rel !== '..' ? rel : file;
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => (e.isDirectory() || e.isSymbolicLink()) && WORD.test(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The _meta.json files of type/namespace at every level, lowest priority
 * first; a nested namespace (a/b) inherits a's before a/b's at each level. */
function metasOf(dirs: ProfileDir[], type: string, namespace: string): Origin[] {
  const parts = namespace.split('/');
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  return [...dirs]
    .reverse()
    .flatMap((d) => prefixes.map((ns) => originOf(join(d.dir, type, ns, '_meta.json'), d)))
    .filter((o) => isFile(o.file));
}

/** The namespaces under a type's directory: each directory, and those
 * nested in it (a/b), depth first, in name order. */
function namespacesOf(typeDir: string, prefix = ''): string[] {
  return subdirs(join(typeDir, prefix)).flatMap((n) => {
    const ns = prefix ? `${prefix}/${n}` : n;
    return [ns, ...namespacesOf(typeDir, ns)];
  });
}

/** A profile's file: `<name>.json`, or (JN's named queries) `<name>.sql`. */
function profileFile(dir: string, type: string, namespace: string, name: string): string | undefined {
  for (const ext of ['.json', '.sql']) {
    const f = join(dir, type, namespace, name + ext);
    if (isFile(f)) return f;
  }
  return undefined;
}

function located(dirs: ProfileDir[], d: ProfileDir, type: string, namespace: string, name: string): Located {
  const origin = originOf(profileFile(d.dir, type, namespace, name)!, d);
  return { ref: `@${namespace}/${name}`, type, namespace, name, level: d.level, file: origin.file, origin, metas: metasOf(dirs, type, namespace) };
}

export function locateProfile(namespace: string, name: string): Located {
  const ref = `@${namespace}/${name}`;
  const dirs = profileDirs();
  for (const d of dirs) {
    const types = subdirs(d.dir).filter((type) => profileFile(d.dir, type, namespace, name) !== undefined);
    if (types.length > 1) {
      const both = types.map((type) => `${type} (${shown(profileFile(d.dir, type, namespace, name)!)})`).join(' and ');
      throw new JnError(`${ref} is ambiguous: the ${d.level} level defines it as ${both}; rename or remove one`, EXIT.USAGE);
    }
    if (types.length === 1) return located(dirs, d, types[0], namespace, name);
  }
  throw new JnError(`no profile ${ref} (see jn profile list)`, EXIT.USAGE);
}

/** Every profile, in priority order, each ref only from the level it
 * resolves at (files of the same ref at lower levels are shadowed). */
export function findAllProfiles(): Located[] {
  const dirs = profileDirs();
  const out: Located[] = [];
  const seen = new Set<string>();
  for (const d of dirs) {
    const here: Located[] = [];
    for (const type of subdirs(d.dir)) {
      for (const namespace of namespacesOf(join(d.dir, type))) {
        let files: string[];
        try {
          files = readdirSync(join(d.dir, type, namespace)).sort();
        } catch {
          continue;
        }
        const names = new Set(files.filter((f) => /\.(json|sql)$/.test(f)).map((f) => f.replace(/\.(json|sql)$/, '')));
        for (const name of names) {
          if (!WORD.test(name) || profileFile(d.dir, type, namespace, name) === undefined) continue;
          if (!seen.has(`@${namespace}/${name}`)) here.push(located(dirs, d, type, namespace, name));
        }
      }
    }
    for (const loc of here) seen.add(loc.ref);
    out.push(...here);
  }
  return out;
}
