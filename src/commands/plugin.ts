// jn plugin list | info NAME — what plugins were found, where, and why one
// is chosen over another.
import { discoverPlugins, type Plugin } from '../sources/discovery.js';
import { EXIT, JnError } from '../kit/exit.js';

function shadowedBy(p: Plugin, all: Plugin[]): Plugin | undefined {
  return all.find((q) => q.name === p.name && q !== p && all.indexOf(q) < all.indexOf(p));
}

export function pluginList(opts: { json?: boolean }): number {
  const { plugins, broken, dirs } = discoverPlugins();
  if (opts.json) {
    for (const p of plugins) {
      const s = shadowedBy(p, plugins);
      process.stdout.write(JSON.stringify({ name: p.name, level: p.level, path: p.path, role: p.meta.role, modes: p.meta.modes, matches: p.meta.matches, shadowedBy: s?.path ?? null }) + '\n');
    }
    return EXIT.OK;
  }
  const rows = plugins.map((p) => {
    const s = shadowedBy(p, plugins);
    return [p.name, p.level, p.meta.role, p.meta.modes.join(','), p.meta.matches.join(' ') || '(by name: ~' + p.name + ')', s ? `shadowed by ${s.level} ${s.path}` : ''];
  });
  const header = ['NAME', 'LEVEL', 'ROLE', 'MODES', 'MATCHES', 'NOTE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n';
  let out = line(header);
  for (const r of rows) out += line(r);
  out += '\nsearched, highest priority first:\n';
  for (const d of dirs) out += `  ${d.level.padEnd(8)} ${d.dir}\n`;
  if (broken.length) {
    out += '\nignored (not usable plugins):\n';
    for (const b of broken) out += `  ${b.path}: ${b.error}\n`;
  }
  process.stdout.write(out);
  return EXIT.OK;
}

export function pluginInfo(name: string): number {
  const { plugins } = discoverPlugins();
  const found = plugins.filter((p) => p.name === name);
  if (found.length === 0) throw new JnError(`no plugin named "${name}" (see jn plugin list)`, EXIT.USAGE);
  const [active, ...shadowed] = found;
  const info = {
    name: active.name,
    path: active.path,
    level: active.level,
    why: shadowed.length
      ? `the ${active.level} plugin is used; it shadows ${shadowed.map((s) => `${s.level} ${s.path}`).join(', ')}`
      : `the only plugin named ${name}`,
    meta: active.meta,
  };
  process.stdout.write(JSON.stringify(info, null, 2) + '\n');
  return EXIT.OK;
}
