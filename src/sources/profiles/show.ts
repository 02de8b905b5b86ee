// What `jn profile list` and `jn profile info` print (also `jn inspect
// profiles` and `jn inspect profile @ns/name`, JN's spellings).
import { listProfiles, profileInfo, type ProfileInfo } from './index.js';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n';
  return line(header) + rows.map(line).join('');
}

/** Every profile (of `type`), as a table or one JSON object a line. */
export function profileListText(type: string | undefined, json: boolean): string {
  const profiles = listProfiles(type);
  if (json) return profiles.map((p) => JSON.stringify(p) + '\n').join('');
  const rows = profiles.map((p) => [p.ref, p.type, p.level, p.error ? `(unreadable: ${p.error})` : (p.description ?? '')]);
  return rows.length ? table(['REF', 'TYPE', 'LEVEL', 'DESCRIPTION'], rows) : 'no profiles (see docs/profiles.md)\n';
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

/** One profile: its files, params and merged configuration, secrets masked. */
export function profileInfoText(ref: string, json: boolean): string {
  const info = profileInfo(ref);
  return json ? JSON.stringify(info) + '\n' : text(info);
}
