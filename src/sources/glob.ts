// Glob expansion for quoted addresses: `*`, `?`, `[...]` within one path
// segment and `**` for any number of directories. Matches come back in sorted
// path order (byte order of the full path), so `jn cat 'logs/**/*.csv'` is
// reproducible. Hidden files match only a pattern that starts with a dot.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function hasGlob(path: string): boolean {
  return /[*?[]/.test(path);
}

function segmentRegex(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end === -1) re += '\\[';
      else {
        let cls = seg.slice(i + 1, end);
        if (cls[0] === '!') cls = '^' + cls.slice(1);
        re += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function list(dir: string): { name: string; isDir: boolean }[] {
  try {
    return readdirSync(dir || '.', { withFileTypes: true }).map((d) => {
      let isDir = d.isDirectory();
      if (d.isSymbolicLink()) {
        try {
          isDir = statSync(join(dir || '.', d.name)).isDirectory();
        } catch {
          isDir = false;
        }
      }
      return { name: d.name, isDir };
    });
  } catch {
    return [];
  }
}

/** Expand a glob into existing paths, sorted. */
export function expandGlob(pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  const results = new Set<string>();
  const walk = (base: string, idx: number): void => {
    if (idx === segments.length) {
      if (base) results.add(base);
      return;
    }
    const seg = segments[idx];
    const joinTo = (name: string) => (base === '' ? (absolute ? '/' + name : name) : base === '/' ? '/' + name : `${base}/${name}`);
    if (idx === 0 && absolute && seg === '') {
      walk('/', 1);
      return;
    }
    if (seg === '**') {
      walk(base, idx + 1); // zero directories
      for (const e of list(base)) if (e.isDir && !e.name.startsWith('.')) walkDeep(joinTo(e.name), idx);
      return;
    }
    if (!hasGlob(seg)) {
      const next = joinTo(seg);
      if (idx === segments.length - 1) {
        try {
          statSync(next);
          results.add(next);
        } catch {
          /* missing */
        }
      } else walk(next, idx + 1);
      return;
    }
    const re = segmentRegex(seg);
    for (const e of list(base)) {
      if (e.name.startsWith('.') && !seg.startsWith('.')) continue;
      if (!re.test(e.name)) continue;
      if (idx < segments.length - 1 && !e.isDir) continue;
      walk(joinTo(e.name), idx + 1);
    }
  };
  // `**` recursion: at dir, either consume `**` here or descend further.
  const walkDeep = (dir: string, idx: number): void => {
    walk(dir, idx + 1);
    for (const e of list(dir)) if (e.isDir && !e.name.startsWith('.')) walkDeep(`${dir}/${e.name}`, idx);
  };
  walk('', 0);
  return [...results].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
