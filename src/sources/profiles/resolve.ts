// From `@namespace/name` + address params to the configuration its plugin
// runs with (resolveProfile), or to what `jn profile info` shows
// (profileInfo).
//
// http profiles: `{name}` placeholders are filled in url, base_url and path
// (URL-encoded) and in query and headers (as they are); the URL is `url`, or
// `base_url` + `path`, followed by the fixed `query` and then every param no
// placeholder used, and then the params it does not declare (as JN does). file profiles: see fileConfig. Any other type (sqlite, duckdb, ...) takes params as
// bind parameters (`config.bind`), never as text, and a relative `path` is
// resolved against the directory of the level that wrote it: the project
// root (the directory holding .jn), $JN_HOME, or a bundled file's own
// directory.
import { expandHome } from '../../kit/paths.js';
import { dirname, isAbsolute, resolve } from 'node:path';
import { EXIT, JnError } from '../../kit/exit.js';
import { locateProfile, type Level, type Located } from './locate.js';
import { bindParams, declarations, type ParamDecl, type ParamValue } from './params.js';
import { SECRET_KEY, Text, expandTree, loadTree, mergeTrees, type ExpandContext, type TreeObject } from './tree.js';

export interface ResolvedProfile {
  /** '@github/repos' (no params; safe to print). */
  ref: string;
  type: string;
  namespace: string;
  name: string;
  file: string;
  level: Level;
  /** Merged, ${VAR} and {param} substituted, params validated. http:
   * config.url is the final URL; other types: config.bind holds the params. */
  config: Record<string, unknown>;
  /** Every secret string value, longest first, non-empty. */
  secrets: string[];
}

// @namespace/name; the namespace may nest (JN's @ns/sub/name): ns/sub
const REF = /^@([A-Za-z0-9][\w.-]*(?:\/[A-Za-z0-9][\w.-]*)*)\/([A-Za-z0-9][\w.-]*)$/;

export function parseProfileRef(text: string): { namespace: string; name: string } | undefined {
  const m = REF.exec(text);
  return m ? { namespace: m[1], name: m[2] } : undefined;
}

function locate(ref: string): Located {
  const parts = parseProfileRef(ref);
  if (!parts) throw new JnError(`${JSON.stringify(ref)} is not a profile reference (expected @namespace/name)`, EXIT.USAGE);
  return locateProfile(parts.namespace, parts.name);
}

function merged(loc: Located): TreeObject {
  let tree: TreeObject = {};
  for (const m of loc.metas) tree = mergeTrees(tree, loadTree(m));
  return mergeTrees(tree, loadTree(loc.origin));
}

function expandFields(fields: TreeObject, ctx: ExpandContext, http: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const placeholders = http && ['url', 'base_url', 'path', 'query', 'headers'].includes(k);
    const encode = http && ['url', 'base_url', 'path'].includes(k);
    out[k] = expandTree(v, ctx, { secret: SECRET_KEY.test(k), placeholders, encode });
  }
  return out;
}

function queryPairs(ref: string, query: unknown): [string, string][] {
  if (query === undefined) return [];
  if (typeof query !== 'object' || query === null || Array.isArray(query)) throw new JnError(`${ref}: "query" must be an object of name: value`, EXIT.USAGE);
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(query)) {
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item === null) continue;
      if (typeof item === 'object') throw new JnError(`${ref}: query.${k} must be a string, number, boolean or an array of them`, EXIT.USAGE);
      out.push([k, String(item)]);
    }
  }
  return out;
}

function httpConfig(ref: string, config: Record<string, unknown>, params: Map<string, ParamValue>, used: Set<string>, extra: [string, string][]): Record<string, unknown> {
  const { url, base_url, path, query, ...rest } = config;
  let out: string;
  if (typeof url === 'string') out = url;
  else if (typeof base_url === 'string') out = typeof path === 'string' && path ? `${base_url.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}` : base_url;
  else throw new JnError(`${ref}: an http profile needs "url", or "base_url" (and "path")`, EXIT.USAGE);
  if (!/^https?:\/\//i.test(out)) throw new JnError(`${ref}: the URL must start with http:// or https://`, EXIT.USAGE);
  const pairs = queryPairs(ref, query);
  for (const [name, value] of params) if (!used.has(name) && value !== null) pairs.push([name, String(value)]);
  pairs.push(...extra);
  if (pairs.length) out += (out.includes('?') ? '&' : '?') + pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return { ...rest, url: out };
}

function sqlConfig(loc: Located, fields: TreeObject, config: Record<string, unknown>, params: Map<string, ParamValue>): Record<string, unknown> {
  if (typeof config.query !== 'string' && typeof config.table !== 'string') throw new JnError(`${loc.ref}: a ${loc.type} profile needs "query" or "table"`, EXIT.USAGE);
  const out: Record<string, unknown> = { ...config, bind: Object.fromEntries(params) };
  const path = config.path;
  if (typeof path === 'string' && fields.path instanceof Text) {
    const p = expandHome(path);
    out.path = isAbsolute(p) ? p : resolve(fields.path.origin.base, p);
  }
  return out;
}

/** A file (folder) profile: `pattern`, a path or glob relative to the
 * level's directory (the project root, $JN_HOME, a bundled file's
 * directory) or absolute; `filter`, a jq program for its records; `format`,
 * a format for files whose names do not say it; `inject_meta`, the path
 * metadata of `jn cat --meta`. The params are the filter's `$name`s. */
function fileConfig(loc: Located, fields: TreeObject, config: Record<string, unknown>, params: Map<string, ParamValue>): Record<string, unknown> {
  const pattern = config.pattern;
  if (typeof pattern !== 'string' || pattern === '') throw new JnError(`${loc.ref}: a file profile needs "pattern" (a path or glob; ${loc.file})`, EXIT.USAGE);
  if (config.filter !== undefined && typeof config.filter !== 'string') throw new JnError(`${loc.ref}: "filter" must be a jq program (a string; ${loc.file})`, EXIT.USAGE);
  if (config.format !== undefined && typeof config.format !== 'string') throw new JnError(`${loc.ref}: "format" must be a format name (${loc.file})`, EXIT.USAGE);
  const base = fields.pattern instanceof Text ? fields.pattern.origin.base : dirname(loc.file);
  return { ...config, base, inject_meta: config.inject_meta === true, bind: Object.fromEntries(params) };
}

function sortSecrets(secrets: Set<string>): string[] {
  const all = new Set<string>();
  for (const s of secrets) {
    if (s === '') continue;
    all.add(s);
    all.add(encodeURIComponent(s));
  }
  return [...all].sort((a, b) => b.length - a.length);
}

export function resolveProfile(ref: string, params: [string, string][], env: NodeJS.ProcessEnv = process.env): ResolvedProfile {
  const loc = locate(ref);
  const { params: declared, ...fields } = merged(loc);
  const secrets = new Set<string>();
  const ctx: ExpandContext = { ref: loc.ref, env, mode: 'resolve', secrets };
  const decls = declarations(declared, ctx);
  const http = loc.type === 'http';
  // http, as JN: a param the profile does not declare goes to the URL's query as given
  const extra = http ? params.filter(([k]) => !decls.has(k)) : [];
  const values = bindParams(loc.ref, decls, http ? params.filter(([k]) => decls.has(k)) : params);
  for (const [name, value] of values) if (SECRET_KEY.test(name) && value !== null) secrets.add(String(value));
  for (const [name, value] of extra) if (SECRET_KEY.test(name)) secrets.add(value);
  let config: Record<string, unknown>;
  if (http) {
    ctx.params = new Map([...values].map(([k, v]) => [k, v === null ? '' : String(v)]));
    ctx.used = new Set();
    config = httpConfig(loc.ref, expandFields(fields, ctx, true), values, ctx.used, extra);
  } else if (loc.type === 'file') config = fileConfig(loc, fields, expandFields(fields, ctx, false), values);
  else config = sqlConfig(loc, fields, expandFields(fields, ctx, false), values);
  return { ref: loc.ref, type: loc.type, namespace: loc.namespace, name: loc.name, file: loc.file, level: loc.level, config, secrets: sortSecrets(secrets) };
}

export interface ProfileInfo {
  ref: string;
  type: string;
  level: Level;
  file: string;
  /** The _meta.json files merged under it, lowest priority first. */
  inherits: string[];
  description?: string;
  params: Record<string, ParamDecl>;
  /** The merged profile (without params and description), ${VAR}s expanded
   * and secrets masked; {param} placeholders as written. */
  config: Record<string, unknown>;
}

export function profileInfo(ref: string, env: NodeJS.ProcessEnv = process.env): ProfileInfo {
  const loc = locate(ref);
  const { params: declared, description, ...fields } = merged(loc);
  const ctx: ExpandContext = { ref: loc.ref, env, mode: 'show', secrets: new Set() };
  return {
    ref: loc.ref,
    type: loc.type,
    level: loc.level,
    file: loc.file,
    inherits: loc.metas.map((m) => m.file),
    ...(description instanceof Text ? { description: description.raw } : {}),
    params: Object.fromEntries(declarations(declared, ctx)),
    config: expandFields(fields, ctx, false),
  };
}

/** The description a profile (or its _meta) gives, for listings. */
export function profileDescription(loc: Located): string | undefined {
  const d = merged(loc).description;
  return d instanceof Text ? d.raw : undefined;
}

export { maskSecrets } from '../../kit/mask.js';
