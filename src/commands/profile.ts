// jn profile list | info @ns/name — which profiles exist, and what one
// resolves to: its files, its params, and the merged configuration with
// every secret masked (see docs/profiles.md).
import { listProfiles, profileInfo, type ProfileInfo } from '../sources/profiles/index.js';
import { EXIT } from '../kit/exit.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'profile',
  description: 'List profiles (named sources: @namespace/name) and show what one resolves to.',
  subcommands: [
    {
      name: 'list',
      description: 'Every profile found (project .jn/profiles, $JN_HOME/profiles, bundled), in priority order.',
      options: [
        { flags: '--type <type>', description: 'only profiles of this type (http, sqlite, duckdb, ...)' },
        { flags: '--json', description: 'one JSON object per profile' },
      ],
    },
    {
      name: 'info',
      description: 'A profile merged with the _meta files it inherits, its params, and its files; secrets masked.',
      arguments: [{ name: '<ref>', description: '@namespace/name' }],
      options: [{ flags: '--json', description: 'one JSON object' }],
    },
  ],
};

export function run({ args, opts, subcommand }: Invocation): number {
  return subcommand === 'info' ? profileInfoCommand(args[0] as string, opts as { json?: boolean }) : profileList(opts as { type?: string; json?: boolean });
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n';
  return line(header) + rows.map(line).join('');
}

function profileList(opts: { type?: string; json?: boolean }): number {
  const profiles = listProfiles(opts.type);
  if (opts.json) {
    process.stdout.write(profiles.map((p) => JSON.stringify(p) + '\n').join(''));
    return EXIT.OK;
  }
  const rows = profiles.map((p) => [p.ref, p.type, p.level, p.error ? `(unreadable: ${p.error})` : (p.description ?? '')]);
  process.stdout.write(rows.length ? table(['REF', 'TYPE', 'LEVEL', 'DESCRIPTION'], rows) : 'no profiles (see docs/profiles.md)\n');
  return EXIT.OK;
}

function paramLine(name: string, d: ProfileInfo['params'][string]): string[] {
  const how = d.required ? 'required' : d.default !== undefined ? `default ${JSON.stringify(d.default)}` : 'optional';
  return [name, d.type, how, d.description ?? ''];
}

function text(info: ProfileInfo): string {
  let out = `${info.ref}\n`;
  out += `type:        ${info.type}\n`;
  out += `level:       ${info.level}\n`;
  out += `file:        ${info.file}\n`;
  info.inherits.forEach((f, i) => (out += `${i === 0 ? 'inherits:' : '         '}    ${f}\n`));
  if (info.description !== undefined) out += `description: ${info.description}\n`;
  const params = Object.entries(info.params);
  if (params.length) {
    out += 'params:\n';
    out += table(['  NAME', 'TYPE', 'WHEN', 'DESCRIPTION'], params.map(([name, d]) => paramLine(`  ${name}`, d)));
  }
  out += 'config:\n';
  out += JSON.stringify(info.config, null, 2).replace(/^/gm, '  ') + '\n';
  return out;
}

function profileInfoCommand(ref: string, opts: { json?: boolean }): number {
  const info = profileInfo(ref);
  process.stdout.write(opts.json ? JSON.stringify(info) + '\n' : text(info));
  return EXIT.OK;
}
