// Profile files as trees whose strings remember the file they came from, so
// that after _meta files and the profile are merged each string is expanded
// with the right file in its messages and relative paths resolve against the
// right directory.
//
// Merge: objects merge key by key, recursively; arrays, strings, numbers and
// booleans replace; a null removes the key (so a profile can drop a header
// its _meta sets). Files merge lowest priority first: bundled _meta, user
// _meta, project _meta, then the profile.
//
// Expansion, in one pass over each string so that nothing inserted is
// expanded again (a param value holding `${HOME}` stays as it is):
//   ${VAR}            the environment variable; unset or empty is an error
//   ${VAR:-default}   the variable, or default when it is unset or empty
//   $${               a literal ${
//   {name}            a declared param's value (only where the caller allows
//                     placeholders; URL-encoded where it asks for that);
//                     braces around anything else stay as written
// Secrets: every value taken from the environment, every param value whose
// name looks secret, and every string under a key that looks secret (all of
// it, unless parts of it came from the environment: then only those parts).
import { readFileSync } from 'node:fs';
import { jsonErrorOffset } from '../../kit/json.js';
import { EXIT, JnError, ioError } from '../../kit/exit.js';
import { shown, type Origin } from './locate.js';

export class Text {
  constructor(
    readonly raw: string,
    readonly origin: Origin,
  ) {}
}

export type Tree = Text | number | boolean | null | Tree[] | TreeObject;
export interface TreeObject {
  [key: string]: Tree;
}

export const SECRET_KEY = /token|secret|password|passwd|api[-_]?key|authorization|cookie/i;
const MASK = '****';

export function isObject(t: Tree | undefined): t is TreeObject {
  return typeof t === 'object' && t !== null && !Array.isArray(t) && !(t instanceof Text);
}

function toTree(value: unknown, origin: Origin): Tree {
  if (typeof value === 'string') return new Text(value, origin);
  if (Array.isArray(value)) return value.map((v) => toTree(v, origin));
  if (typeof value === 'object' && value !== null) {
    const out: TreeObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = toTree(v, origin);
    return out;
  }
  return value as number | boolean | null;
}

/** A profile or _meta file; it must hold one JSON object. Parse errors give
 * line and column only: JSON.parse's message quotes the text, which may hold
 * a secret. */
export function loadTree(origin: Origin): TreeObject {
  let text: string;
  try {
    text = readFileSync(origin.file, 'utf8');
  } catch (err) {
    throw ioError(err, shown(origin.file));
  }
  if (origin.file.endsWith('.sql')) return sqlTree(text, origin);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const before = text.slice(0, Math.max(0, jsonErrorOffset(text)));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    throw new JnError(`${shown(origin.file)}: line ${line}, column ${column}: invalid JSON`, EXIT.USAGE);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new JnError(`${shown(origin.file)}: expected a JSON object`, EXIT.USAGE);
  return toTree(value, origin) as TreeObject;
}

/** A named query (JN's `.sql` profile): the file is the query; its first
 * comment line the description; `-- Parameters: a, b` declares its params
 * (optional strings, bound as `$a` in duckdb, `:a` in sqlite). */
function sqlTree(text: string, origin: Origin): TreeObject {
  const comments = text.split('\n').filter((l) => l.trimStart().startsWith('--')).map((l) => l.trimStart().slice(2).trim());
  const declared = comments.find((c) => /^parameters:/i.test(c));
  const params = declared ? declared.replace(/^parameters:/i, '').split(/[\s,]+/).filter(Boolean) : [];
  const description = comments.find((c) => c !== '' && !/^parameters:/i.test(c));
  const tree: TreeObject = { query: new Text(text.trim().replace(/;\s*$/, ''), origin), params: params.map((p) => new Text(p, origin)) };
  if (description) tree.description = new Text(description, origin);
  return tree;
}

export function mergeTrees(base: TreeObject, over: TreeObject): TreeObject {
  const out: TreeObject = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else if (isObject(v) && isObject(out[k])) out[k] = mergeTrees(out[k] as TreeObject, v);
    else out[k] = v;
  }
  return out;
}

export interface ExpandContext {
  ref: string;
  env: NodeJS.ProcessEnv;
  /** resolve: real values, a missing variable is an error. show: secrets
   * masked, a missing variable shown as `${VAR} (not set)`. */
  mode: 'resolve' | 'show';
  /** Collects secret strings (resolve mode). */
  secrets: Set<string>;
  /** Values for `{name}` placeholders (resolve mode). */
  params?: Map<string, string>;
  /** Params that a placeholder used. */
  used?: Set<string>;
}

/** Where a string sits: under a secret-looking key; may it hold `{name}`
 * placeholders; are inserted param values URL-encoded. */
export interface Place {
  secret: boolean;
  placeholders: boolean;
  encode: boolean;
}

const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{|\{([A-Za-z_][\w.-]*)\}/g;
const VARIABLE = /^([A-Za-z_]\w*)(?::-(.*))?$/s;

export function expandText(t: Text, ctx: ExpandContext, place: Place): string {
  const where = shown(t.origin.file);
  let out = '';
  let masked = '';
  const parts: string[] = [];
  let unset = false;
  let last = 0;
  for (const m of t.raw.matchAll(TOKEN)) {
    const literal = t.raw.slice(last, m.index);
    out += literal;
    masked += literal;
    last = m.index! + m[0].length;
    if (m[0] === '$${') {
      out += '${';
      masked += '${';
    } else if (m[0] === '${') {
      throw new JnError(`${ctx.ref}: unterminated \${ in ${where} (write $\${ for a literal \${)`, EXIT.USAGE);
    } else if (m[1] !== undefined) {
      const v = VARIABLE.exec(m[1]);
      if (!v) throw new JnError(`${ctx.ref}: bad variable reference ${m[0]} in ${where} (expected \${NAME} or \${NAME:-default})`, EXIT.USAGE);
      const value = ctx.env[v[1]];
      if (value) {
        out += value;
        masked += MASK;
        parts.push(value);
      } else if (v[2] !== undefined) {
        out += v[2];
        masked += v[2];
      } else if (ctx.mode === 'show') {
        out += `\${${v[1]}} (not set)`;
        masked += `\${${v[1]}} (not set)`;
        unset = true;
      } else throw new JnError(`${ctx.ref}: environment variable ${v[1]} is not set (used in ${where})`, EXIT.USAGE);
    } else if (place.placeholders && ctx.params?.has(m[2])) {
      const value = ctx.params.get(m[2])!;
      const inserted = place.encode ? encodeURIComponent(value) : value;
      out += inserted;
      masked += inserted;
      ctx.used?.add(m[2]);
    } else {
      out += m[0];
      masked += m[0];
    }
  }
  out += t.raw.slice(last);
  masked += t.raw.slice(last);
  if (place.secret && parts.length === 0 && !unset && out !== '') {
    parts.push(out);
    masked = MASK;
  }
  for (const p of parts) ctx.secrets.add(p);
  return ctx.mode === 'show' ? masked : out;
}

/** The tree as plain JSON, every string expanded. */
export function expandTree(tree: Tree, ctx: ExpandContext, place: Place): unknown {
  if (tree instanceof Text) return expandText(tree, ctx, place);
  if (Array.isArray(tree)) return tree.map((t) => expandTree(t, ctx, place));
  if (isObject(tree)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(tree)) out[k] = expandTree(v, ctx, { ...place, secret: place.secret || SECRET_KEY.test(k) });
    return out;
  }
  return tree;
}
