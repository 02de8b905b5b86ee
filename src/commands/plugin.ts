// jn plugin list | info NAME — what plugins were found, where, and why one
// is chosen over another.
import { discoverPlugins, type Plugin } from '../sources/discovery.js';
import { EXIT, JnError } from '../kit/exit.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'plugin',
  description: 'List plugins and show why one is chosen.',
  subcommands: [
    {
      name: 'list',
      description: 'Every plugin found (project .jn/plugins, $JN_HOME/plugins, bundled), in priority order.',
      options: [{ flags: '--json', description: 'one JSON object per plugin' }],
    },
    { name: 'info', description: "A plugin's metadata, path, level and what it shadows.", arguments: [{ name: '<name>', description: 'the plugin' }] },
  ],
};

export function run({ args, opts, subcommand }: Invocation): number {
  return subcommand === 'info' ? pluginInfo(args[0] as string) : pluginList(opts as { json?: boolean });
}

function shadowedBy(p: Plugin, all: Plugin[]): Plugin | undefined {
  return all.find((q) => q.name === p.name && q !== p && all.indexOf(q) < all.indexOf(p));
}

function pluginList(opts: { json?: boolean }): number {
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

function pluginInfo(name: string): number {
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
