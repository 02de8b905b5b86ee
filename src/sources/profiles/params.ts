// A profile's params: what it declares, and the values an address gives.
//
//   "params": {
//     "user":     {"description": "whose repos", "required": true},
//     "per_page": {"description": "page size", "type": "integer", "default": 30}
//   }
//
// Address params (`@github/repos?user=octocat`) must be declared; a required
// one must be given; a missing one takes its default, or is null when it has
// none. `type` (string, the default; integer; number; boolean) converts the
// address's text and rejects what does not fit, so an SQL bind parameter gets
// a number where the profile says so.
import { EXIT, JnError } from '../../kit/exit.js';
import { SECRET_KEY, Text, expandText, isObject, type ExpandContext, type Tree } from './tree.js';

type ParamType = 'string' | 'integer' | 'number' | 'boolean';
export type ParamValue = string | number | boolean | null;

export interface ParamDecl {
  description?: string;
  required: boolean;
  type: ParamType;
  /** Absent when there is none. Strings are expanded (`${VAR}`). */
  default?: ParamValue;
}

const TYPES: ParamType[] = ['string', 'integer', 'number', 'boolean'];
const NAME = /^[A-Za-z_][\w.-]*$/;

function scalar(t: Tree | undefined, ctx: ExpandContext, secret: boolean): ParamValue | undefined {
  if (t instanceof Text) return expandText(t, ctx, { secret, placeholders: false, encode: false });
  if (t === undefined || t === null || typeof t === 'number' || typeof t === 'boolean') return t ?? undefined;
  throw new JnError(`${ctx.ref}: a param's default must be a string, number or boolean`, EXIT.USAGE);
}

/** The merged `params` object, checked, defaults expanded. */
export function declarations(tree: Tree | undefined, ctx: ExpandContext): Map<string, ParamDecl> {
  const out = new Map<string, ParamDecl>();
  if (tree === undefined) return out;
  // JN's list form: ["gene", "page"] declares optional string params
  if (Array.isArray(tree)) {
    for (const item of tree) {
      if (!(item instanceof Text) || !NAME.test(item.raw)) throw new JnError(`${ctx.ref}: "params" as a list holds param names (strings), got ${item instanceof Text ? JSON.stringify(item.raw) : JSON.stringify(item)}`, EXIT.USAGE);
      out.set(item.raw, { required: false, type: 'string' });
    }
    return out;
  }
  if (!isObject(tree)) throw new JnError(`${ctx.ref}: "params" must be an object of name: {description, required, type, default}`, EXIT.USAGE);
  for (const [name, d] of Object.entries(tree)) {
    if (!NAME.test(name)) throw new JnError(`${ctx.ref}: bad param name ${JSON.stringify(name)}`, EXIT.USAGE);
    if (!isObject(d)) throw new JnError(`${ctx.ref}: param ${name} must be an object ({"description": ..., "required": ..., "default": ...})`, EXIT.USAGE);
    const type = d.type instanceof Text ? d.type.raw : 'string';
    if (!TYPES.includes(type as ParamType)) throw new JnError(`${ctx.ref}: param ${name}: type must be one of ${TYPES.join(', ')}`, EXIT.USAGE);
    const decl: ParamDecl = { required: d.required === true, type: type as ParamType };
    if (d.description instanceof Text) decl.description = d.description.raw;
    const dflt = scalar(d.default, ctx, SECRET_KEY.test(name));
    if (dflt !== undefined) decl.default = dflt;
    out.set(name, decl);
  }
  return out;
}

function convert(ref: string, name: string, decl: ParamDecl, value: string | number | boolean, secret: boolean): ParamValue {
  const text = String(value);
  const bad = (what: string) => new JnError(`${ref}: param ${name}: expected ${what}, got ${secret ? '****' : JSON.stringify(text)}`, EXIT.USAGE);
  switch (decl.type) {
    case 'string':
      return text;
    case 'integer':
      if (!/^-?\d+$/.test(text)) throw bad('an integer');
      return Number(text);
    case 'number':
      if (text.trim() === '' || !Number.isFinite(Number(text))) throw bad('a number');
      return Number(text);
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw bad('true or false');
      return text === 'true';
  }
}

/** The value of every declared param, in declaration order. */
export function bindParams(ref: string, decls: Map<string, ParamDecl>, given: [string, string][]): Map<string, ParamValue> {
  const declared = decls.size ? `declared: ${[...decls.keys()].join(', ')}` : 'it declares no params';
  const values = new Map<string, string>();
  for (const [name, value] of given) {
    if (!decls.has(name)) throw new JnError(`${ref}: unknown param ${name} (${declared})`, EXIT.USAGE);
    if (values.has(name)) throw new JnError(`${ref}: param ${name} given twice`, EXIT.USAGE);
    values.set(name, value);
  }
  const out = new Map<string, ParamValue>();
  for (const [name, decl] of decls) {
    const value = values.get(name) ?? decl.default;
    if (value === undefined || value === null) {
      if (decl.required) throw new JnError(`${ref}: missing required param ${name}${decl.description ? ` (${decl.description})` : ''}: ${ref}?${name}=...`, EXIT.USAGE);
      out.set(name, null);
    } else out.set(name, convert(ref, name, decl, value, SECRET_KEY.test(name)));
  }
  return out;
}
