// Turning an address into pipeline stages (plugin processes with arguments).
//
//   data.csv.gz            gz read | csv read               (reads the file's fd)
//   https://h/data.csv.gz  http raw | gz read | csv read    (reads nothing)
//   https://h/api          http raw | <format chosen from the response's
//                          Content-Type>: see ReadPlan.decide
//   orders.sqlite?table=t  sqlite read --path=orders.sqlite  (a database
//                          plugin opens the file itself)
//   @ns/name?x=1           whatever the profile's type says (src/profiles):
//                          an http request or a database query
//
// Secrets (profile values from the environment, -H header values) never go
// into a plugin's argv: headers travel in the JN_HTTP_HEADERS environment
// variable, and every stage that could print them is given the list to mask.
import type { Address } from './address.js';
import { paramsToArgs } from './address.js';
import { loadConfig, pluginEnv } from './config.js';
import type { Stage } from '../pipeline/spawn.js';
import { resolveProfile, type ResolvedProfile } from './profiles/index.js';
import { EXIT, JnError } from '../kit/exit.js';
import { commandFor, type Plugin } from './discovery.js';
import { findPlugin, matchPlugin, resolveChain, resolveFormatChain, type ChainStep } from './registry.js';
import { nodeStage } from '../pipeline/node.js';
import { packageRoot } from '../kit/paths.js';
import { join } from 'node:path';

/** Request settings given on the command line (`jn cat -H ... --timeout`). */
export interface RequestOptions {
  headers?: [string, string][];
  /** Seconds. */
  timeout?: number;
}

/** What the http plugin reports on --meta-fd once the response headers are in. */
export interface ResponseMeta {
  status?: number;
  url?: string;
  contentType?: string;
}

export interface ReadPlan {
  addr: Address;
  /** What the first stage reads: the address's file, stdin, or nothing. */
  input: 'file' | 'stdin' | 'none';
  stages: Stage[];
  steps: ChainStep[];
  /** Set when the format is known only from the response: stages[0] (http)
   * reports the response on fd 3, and decide() gives the rest of the chain. */
  decide?: (meta: ResponseMeta) => { stages: Stage[]; steps: ChainStep[] };
}

export interface WritePlan {
  addr: Address;
  /** Where the last stage writes: a file (jn put writes a temp file and
   * renames it), stdout, or nothing (a database plugin writes itself). */
  output: 'file' | 'stdout' | 'none';
  stages: Stage[];
  steps: ChainStep[];
}

/** Whether a plugin's process may speak TLS (src/pipeline/node.ts): jn's
 * own plugins do only to fetch a URL; another plugin may. */
const speaksTls = (p: Plugin): boolean => p.level !== 'bundled' || p.meta.role === 'protocol';

function stageFor(step: ChainStep, addr: Address, env: NodeJS.ProcessEnv, extra: string[] = []): Stage {
  const { command, args } = commandFor(step.plugin.path);
  const opts: string[] = [...extra];
  if (step.plugin.meta.role !== 'compression') {
    opts.push(...paramsToArgs(addr.params));
    const tablefmt = loadConfig().get('table.tablefmt');
    if (step.plugin.name === 'table' && tablefmt !== undefined && !addr.params.some(([k]) => k === 'tablefmt')) {
      opts.push(`--tablefmt=${tablefmt}`);
    }
  }
  return {
    label: `${step.plugin.name} ${step.mode}`,
    source: addr.isStdio ? (step.mode === 'read' ? 'stdin' : 'stdout') : addr.raw,
    command,
    args: [...args, `--mode=${step.mode}`, ...opts],
    env,
    kind: 'plugin',
    tls: speaksTls(step.plugin),
  };
}

function chainStages(steps: ChainStep[], addr: Address, env: NodeJS.ProcessEnv): Stage[] {
  return steps.map((s) => (s.plugin.meta.role === 'database' ? stageFor(s, addr, env, [`--path=${addr.path}`]) : stageFor(s, addr, env)));
}

export function readPlan(addr: Address, req: RequestOptions = {}): ReadPlan {
  if (addr.protocol === 'profile') return profilePlan(addr, req);
  if (addr.protocol !== 'file') return urlPlan(addr, addr.path, req, {});
  const steps = resolveChain(addr, 'read');
  const env = pluginEnv();
  const database = steps[0].plugin.meta.role === 'database';
  return { addr, input: addr.isStdio ? 'stdin' : database ? 'none' : 'file', stages: chainStages(steps, addr, env), steps };
}

export function writePlan(addr: Address): WritePlan {
  if (addr.protocol === 'profile') return profileWritePlan(addr);
  if (addr.protocol !== 'file') throw new JnError(`${addr.raw}: cannot write to ${addr.protocol}:// addresses (only read)`, EXIT.USAGE);
  const steps = resolveChain(addr, 'write');
  const env = pluginEnv();
  const database = steps[0].plugin.meta.role === 'database';
  return { addr, output: addr.isStdio ? 'stdout' : database ? 'none' : 'file', stages: chainStages(steps, addr, env), steps };
}

// --- URLs ------------------------------------------------------------------

/** Formats by Content-Type (without parameters). */
const CONTENT_TYPES: Record<string, string> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'application/json': 'json',
  'text/json': 'json',
  'application/x-ndjson': 'jsonl',
  'application/ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
  'application/jsonlines': 'jsonl',
  'application/yaml': 'yaml',
  'application/x-yaml': 'yaml',
  'text/yaml': 'yaml',
  'text/x-yaml': 'yaml',
  'application/toml': 'toml',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'text/markdown': 'markdown',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** The jn format for a Content-Type header, if it names one. */
function formatForContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (CONTENT_TYPES[type]) return CONTENT_TYPES[type];
  if (type.endsWith('+json')) return 'json';
  if (type.endsWith('+xml')) return 'xml';
  return undefined;
}

interface HttpSettings {
  method?: string;
  headers?: Record<string, string>;
  timeout?: number;
  /** Format named by a profile. */
  format?: string;
  /** Set for JSON APIs read page by page by the http plugin itself. */
  records?: string;
  next?: string;
  maxPages?: number;
  secrets?: string[];
}

function protocolPlugin(addr: Address, url: string): Plugin {
  const m = matchPlugin(url, ['protocol'], 'raw');
  if (!m) throw new JnError(`${addr.raw}: no plugin reads ${addr.protocol}:// addresses (see jn plugin list)`, EXIT.USAGE);
  return m.plugin;
}

function urlPath(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return new URL(url).pathname;
  }
}

function urlPlan(addr: Address, url: string, req: RequestOptions, http: HttpSettings): ReadPlan {
  const plugin = protocolPlugin(addr, url);
  const env = pluginEnv();
  const headers: Record<string, string> = { ...http.headers };
  for (const [k, v] of req.headers ?? []) headers[k] = v;
  const secrets = [...(http.secrets ?? []), ...(req.headers ?? []).map(([, v]) => v)].filter((s) => s.length >= 3);
  const timeout = req.timeout ?? http.timeout;
  const paged = http.records !== undefined || http.next !== undefined;
  // A URL holding a secret goes in the environment, not in argv (which
  // every user of the machine can read in ps).
  const urlInEnv = secrets.some((sec) => url.includes(sec));
  const args = urlInEnv ? [] : [`--url=${url}`];
  if (timeout !== undefined) args.push(`--timeout=${timeout}`);
  if (http.method) args.push(`--method=${http.method}`);
  if (paged) {
    if (http.records !== undefined) args.push(`--records=${http.records}`);
    if (http.next !== undefined) args.push(`--next=${http.next}`);
    if (http.maxPages !== undefined) args.push(`--max-pages=${http.maxPages}`);
  }
  const { command, args: base } = commandFor(plugin.path);
  const mode = paged ? 'read' : 'raw';
  const fetch: Stage = {
    label: `${plugin.name} ${mode}`,
    source: addr.raw,
    command,
    args: [...base, `--mode=${mode}`, ...args],
    env: { ...env, JN_HTTP_HEADERS: JSON.stringify(headers), ...(urlInEnv ? { JN_HTTP_URL: url } : {}) },
    kind: 'plugin',
    tls: true,
    secrets,
  };
  const fetchStep: ChainStep = { plugin, mode, why: `${plugin.name} (${plugin.level}: ${plugin.path}) fetches ${addr.protocol === 'profile' ? 'the profile\'s URL' : 'the URL'}` };
  if (paged) {
    if (addr.format) throw new JnError(`${addr.raw}: a paginated profile yields records; ~${addr.format} does not apply`, EXIT.USAGE);
    return { addr, input: 'none', stages: [fetch], steps: [fetchStep] };
  }
  const rest = (format: string | undefined, why?: string) => {
    const steps = resolveFormatChain(addr, urlPath(url), format, why);
    return { stages: chainStages(steps, addr, env), steps };
  };
  const format = addr.format ?? http.format;
  if (format !== undefined || matchPlugin(stripCompression(urlPath(url)), ['format', 'display'], 'read')) {
    const r = rest(format, format !== undefined && !addr.format ? `named by the profile's "format"` : undefined);
    return { addr, input: 'none', stages: [fetch, ...r.stages], steps: [fetchStep, ...r.steps] };
  }
  // The format comes from the response's Content-Type.
  fetch.args.push('--meta-fd=3');
  return {
    addr,
    input: 'none',
    stages: [fetch],
    steps: [fetchStep],
    decide: (meta) => {
      const f = formatForContentType(meta.contentType);
      if (!f) {
        throw new JnError(
          `${addr.raw}: cannot tell the format (Content-Type: ${meta.contentType ?? 'none'}; no known extension in the URL path); name it with ~FORMAT, e.g. ${addr.raw}~json`,
          EXIT.USAGE,
        );
      }
      return rest(f, `Content-Type ${meta.contentType?.split(';')[0]}`);
    },
  };
}

function stripCompression(path: string): string {
  for (let guard = 0; path && guard < 8; guard++) {
    const m = matchPlugin(path, ['compression'], 'read');
    if (!m || m.index + m.text.length !== path.length || m.text.length === 0) break;
    path = path.slice(0, m.index);
  }
  return path;
}

// --- profiles ----------------------------------------------------------------

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function profilePlan(profileAddr: Address, req: RequestOptions): ReadPlan {
  const p = resolveProfile(`@${profileAddr.path}`, profileAddr.params);
  // The params were the profile's: they are used up, not format options.
  const addr: Address = { ...profileAddr, params: [] };
  const c = p.config;
  if (p.type === 'http') {
    const url = str(c.url);
    if (!url) throw new JnError(`${p.ref}: the profile has no url (${p.file})`, EXIT.USAGE);
    const pagination = (c.pagination ?? {}) as Record<string, unknown>;
    const headers = Object.fromEntries(Object.entries((c.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    return urlPlan(addr, url, req, {
      method: str(c.method),
      headers,
      timeout: typeof c.timeout === 'number' ? c.timeout : undefined,
      format: str(c.format),
      records: str(c.records),
      next: str(pagination.next),
      maxPages: typeof pagination.max_pages === 'number' ? pagination.max_pages : undefined,
      secrets: p.secrets,
    });
  }
  if (p.type === 'file') return { addr, input: 'none', stages: fileProfileStages(p), steps: [] };
  const { plugin, stage } = databaseStage(p, 'read');
  return { addr, input: 'none', stages: [stage], steps: [{ plugin, mode: 'read', why: `profile ${p.ref} (${p.file}) is of type ${p.type}` }] };
}

/** A file profile is `jn cat [--meta] PATTERN[~format]`, run in the
 * profile level's directory (so that _path stays as the pattern names it),
 * then `jn filter FILTER` with the params as its `$name`s. */
function fileProfileStages(p: ResolvedProfile): Stage[] {
  const c = p.config;
  const jn = join(packageRoot(), 'dist', 'jn.js');
  const pattern = str(c.pattern)! + (str(c.format) ? `~${str(c.format)}` : '');
  const stages: Stage[] = [{ label: 'cat', source: p.ref, ...nodeStage(jn, ['cat', ...(c.inject_meta ? ['--meta'] : []), pattern]), cwd: str(c.base), kind: 'jn' }];
  const filter = str(c.filter);
  if (filter) {
    // a string param is $name as a string, a number or boolean (or an absent one: null) as that value
    const args = Object.entries((c.bind ?? {}) as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'string' ? ['--arg', k, v] : ['--argjson', k, JSON.stringify(v)]));
    stages.push({ label: 'filter', source: p.ref, ...nodeStage(jn, ['filter', ...args, filter]), kind: 'jn' });
  }
  return stages;
}

function profileWritePlan(addr: Address): WritePlan {
  const p = resolveProfile(`@${addr.path}`, addr.params);
  if (p.type === 'http') throw new JnError(`${p.ref}: cannot write to an http profile`, EXIT.USAGE);
  const { plugin, stage } = databaseStage(p, 'write');
  return { addr, output: 'none', stages: [stage], steps: [{ plugin, mode: 'write', why: `profile ${p.ref} (${p.file}) is of type ${p.type}` }] };
}

function databaseStage(p: ResolvedProfile, mode: 'read' | 'write'): { plugin: Plugin; stage: Stage } {
  const plugin = findPlugin(p.type);
  if (!plugin || plugin.meta.role !== 'database') {
    throw new JnError(`${p.ref}: profiles of type ${p.type} are not supported (no database plugin named ${p.type}; ${p.file})`, EXIT.USAGE);
  }
  if (!plugin.meta.modes.includes(mode)) throw new JnError(`${p.ref}: plugin ${plugin.name} cannot ${mode}`, EXIT.USAGE);
  const c = p.config;
  const path = str(c.path);
  if (!path) throw new JnError(`${p.ref}: the profile has no path (${p.file})`, EXIT.USAGE);
  const args = [`--path=${path}`];
  const query = str(c.query);
  const table = str(c.table);
  if (mode === 'read' && query) args.push(`--query=${query}`);
  else if (table) args.push(`--table=${table}`);
  if (mode === 'write' && !table) throw new JnError(`${p.ref}: writing needs a "table" in the profile (${p.file})`, EXIT.USAGE);
  if (mode === 'read' && c.bind && Object.keys(c.bind as object).length) args.push(`--bind=${JSON.stringify(c.bind)}`);
  const { command, args: base } = commandFor(plugin.path);
  return {
    plugin,
    stage: {
      label: `${plugin.name} ${mode}`,
      source: p.ref,
      command,
      args: [...base, `--mode=${mode}`, ...args],
      env: pluginEnv(),
      kind: 'plugin',
      tls: speaksTls(plugin),
      secrets: p.secrets,
    },
  };
}
