// The .jnrc configuration files.
//
// Read in order, later ones overriding earlier: `$JN_HOME/jnrc` (default
// ~/.local/jn/jnrc), `~/.jnrc`, then `.jnrc` in the working directory or the
// nearest directory above it. Syntax: `key = value` lines, `# comments`, and
// optional `[section]` headers that prefix the keys below them
// (`[csv]` + `infer = false` is `csv.infer = false`). Every key is listed,
// with its meaning, in .jnrc.example at the root of the project.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { EXIT, JnError } from '../kit/exit.js';
import { jnHome } from '../kit/paths.js';

export type ConfigValue = string | number | boolean;

/** The keys jn understands, with their types. */
export const CONFIG_KEYS: Record<string, 'boolean' | 'string' | 'number'> = {
  'csv.infer': 'boolean',
  'table.tablefmt': 'string',
  'join.warn_rows': 'number',
  'shell.limit': 'number',
};

export function parseConfig(text: string, file: string): Map<string, ConfigValue> {
  const out = new Map<string, ConfigValue>();
  let section = '';
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.replace(/^\s+|\s+$/g, '');
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const sec = /^\[([\w.-]+)\]$/.exec(line);
    if (sec) {
      section = sec[1] + '.';
      return;
    }
    const kv = /^([\w.-]+)\s*=\s*(.*)$/.exec(line);
    if (!kv) throw new JnError(`${file}: line ${i + 1}: expected key = value`, EXIT.USAGE);
    const key = section + kv[1];
    let raw = kv[2].replace(/\s+#.*$/, '');
    const type = CONFIG_KEYS[key];
    if (!type) throw new JnError(`${file}: line ${i + 1}: unknown key "${key}" (see .jnrc.example)`, EXIT.USAGE);
    if (/^"(.*)"$/.test(raw) || /^'(.*)'$/.test(raw)) raw = raw.slice(1, -1);
    if (type === 'boolean') {
      if (raw !== 'true' && raw !== 'false') throw new JnError(`${file}: line ${i + 1}: ${key} must be true or false`, EXIT.USAGE);
      out.set(key, raw === 'true');
    } else if (type === 'number') {
      if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new JnError(`${file}: line ${i + 1}: ${key} must be a number`, EXIT.USAGE);
      out.set(key, Number(raw));
    } else out.set(key, raw);
  });
  return out;
}

function projectRc(cwd: string): string | undefined {
  let dir = cwd;
  const { root } = parse(dir);
  for (;;) {
    const f = join(dir, '.jnrc');
    if (existsSync(f)) return f;
    if (dir === root) return undefined;
    dir = dirname(dir);
  }
}

let memo: Map<string, ConfigValue> | undefined;

export function loadConfig(): Map<string, ConfigValue> {
  if (memo) return memo;
  const merged = new Map<string, ConfigValue>();
  const files = [join(jnHome(), 'jnrc'), join(homedir(), '.jnrc'), projectRc(process.cwd())];
  const seen = new Set<string>();
  for (const f of files) {
    if (!f || seen.has(f) || !existsSync(f)) continue;
    seen.add(f);
    for (const [k, v] of parseConfig(readFileSync(f, 'utf8'), f)) merged.set(k, v);
  }
  memo = merged;
  return merged;
}

/** Environment for plugin processes: config settings that plugins read from
 * the environment, unless the user's environment already sets them. */
export function pluginEnv(): NodeJS.ProcessEnv {
  const config = loadConfig();
  const env = { ...process.env };
  if (config.has('csv.infer') && env.JN_CSV_INFER === undefined) env.JN_CSV_INFER = String(config.get('csv.infer'));
  return env;
}
