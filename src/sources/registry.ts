// Choosing plugins for an address.
//
// Reading `data.csv.gz`: compression layers are peeled off the end of the
// path first (gz), then the format is chosen for what is left (csv); the
// chain is gz --mode=read | csv --mode=read. Writing runs the same chain the
// other way round. A format override (`data.txt~csv`) names the format
// plugin outright and beats matching. Within one discovery level the longest
// match wins (ties: the longer regex); the first level that has any match wins.
import type { Address } from './address.js';
import { EXIT, JnError } from '../kit/exit.js';
import { discoverPlugins, type Plugin } from './discovery.js';
import type { PluginMode } from '../kit/sdk.js';

export interface ChainStep {
  plugin: Plugin;
  mode: PluginMode;
  /** Why this plugin was chosen, for `jn plugin` / `jn inspect`. */
  why: string;
}

const FORMAT_ROLES = ['format', 'display'];

/** Other names of bundled formats in a ~FORMAT override (JN's spellings and
 * the usual extensions); a plugin with the name itself comes first. */
const FORMAT_ALIASES: Record<string, string> = { ndjson: 'jsonl', md: 'markdown', txt: 'text', yml: 'yaml', tab: 'tsv' };

function supports(p: Plugin, mode: PluginMode): boolean {
  return p.meta.modes.includes(mode) || (mode === 'read' && p.meta.role === 'compression' && p.meta.modes.includes('raw'));
}

/** The plugin called `name` with the highest priority. */
export function findPlugin(name: string): Plugin | undefined {
  return discoverPlugins().plugins.find((p) => p.name === name);
}

interface Match {
  plugin: Plugin;
  text: string;
  index: number;
  regex: string;
}

/** Best match for a path among plugins of the given roles supporting mode. */
export function matchPlugin(path: string, roles: string[], mode: PluginMode): Match | undefined {
  const { plugins } = discoverPlugins();
  for (const level of ['project', 'user', 'bundled'] as const) {
    let best: Match | undefined;
    for (const plugin of plugins) {
      if (plugin.level !== level || !roles.includes(plugin.meta.role) || !supports(plugin, mode)) continue;
      for (const regex of plugin.meta.matches) {
        const m = new RegExp(regex).exec(path);
        if (!m) continue;
        const better = !best || m[0].length > best.text.length || (m[0].length === best.text.length && regex.length > best.regex.length);
        if (better) best = { plugin, text: m[0], index: m.index, regex };
      }
    }
    if (best) return best;
  }
  return undefined;
}

function describe(p: Plugin): string {
  return `${p.name} (${p.level}: ${p.path})`;
}

/** The plugin steps for reading or writing an address, in data-flow order. */
export function resolveChain(addr: Address, direction: 'read' | 'write'): ChainStep[] {
  return chainFor(addr, addr.isStdio ? '' : addr.path, addr.format, direction, true);
}

/** The decompression + format steps for the bytes of a URL: path is the
 * URL's path; format (a ~override, a profile's format, or the one the
 * response's Content-Type names) beats matching. */
export function resolveFormatChain(addr: Address, path: string, format: string | undefined, why?: string): ChainStep[] {
  return chainFor(addr, path, format, 'read', false, why);
}

function chainFor(addr: Address, path: string, formatName: string | undefined, direction: 'read' | 'write', files: boolean, why?: string): ChainStep[] {
  const compression: ChainStep[] = [];
  // Peel compression suffixes (data.csv.gz -> gz, then data.csv).
  for (let guard = 0; path && guard < 8; guard++) {
    const m = matchPlugin(path, ['compression'], direction);
    if (!m || m.index + m.text.length !== path.length || m.text.length === 0) break;
    compression.push({ plugin: m.plugin, mode: direction, why: `${describe(m.plugin)} matches /${m.regex}/ on "${path}"` });
    path = path.slice(0, m.index);
  }
  const roles = files ? [...FORMAT_ROLES, 'database'] : FORMAT_ROLES;
  let format: ChainStep;
  if (formatName) {
    const p = findPlugin(formatName) ?? (Object.hasOwn(FORMAT_ALIASES, formatName) ? findPlugin(FORMAT_ALIASES[formatName]) : undefined);
    if (!p) throw new JnError(`${addr.raw}: unknown format ~${formatName} (no plugin named "${formatName}"; see jn plugin list)`, EXIT.USAGE);
    if (!supports(p, direction)) throw new JnError(`${addr.raw}: plugin ${p.name} cannot ${direction} (modes: ${p.meta.modes.join(', ')})`, EXIT.USAGE);
    if (!roles.includes(p.meta.role)) throw new JnError(`${addr.raw}: plugin ${p.name} is a ${p.meta.role} plugin, not a format`, EXIT.USAGE);
    format = { plugin: p, mode: direction, why: `${describe(p)} ${why ?? `named by the format override ~${formatName}`}` };
  } else if (addr.isStdio) {
    const p = findPlugin('jsonl');
    if (!p) throw new JnError('the jsonl plugin is missing', EXIT.USAGE);
    format = { plugin: p, mode: direction, why: `${describe(p)}: stdin/stdout is NDJSON unless a format is given (-~csv)` };
  } else {
    const m = matchPlugin(path, roles, direction);
    if (!m) {
      throw new JnError(
        `${addr.raw}: unknown format: no plugin ${direction === 'read' ? 'reads' : 'writes'} "${path}" (name one with ~FORMAT, e.g. ${addr.raw}~csv; see jn plugin list)`,
        EXIT.USAGE,
      );
    }
    format = { plugin: m.plugin, mode: direction, why: `${describe(m.plugin)} matches /${m.regex}/ on "${path}"` };
  }
  if (format.plugin.meta.role === 'database') {
    if (compression.length) throw new JnError(`${addr.raw}: a ${format.plugin.name} database cannot be compressed`, EXIT.USAGE);
    if (addr.isStdio) throw new JnError(`${addr.raw}: ${format.plugin.name} reads and writes database files, not stdin/stdout`, EXIT.USAGE);
    return [format];
  }
  return direction === 'read' ? [...compression, format] : [format, ...compression.reverse()];
}
