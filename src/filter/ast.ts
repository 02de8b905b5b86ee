// The abstract syntax tree of the jq language. Every node carries `pos`,
// the offset in the program text, for error messages.
import type { Value } from './values.js';

export type BinOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=';
export type AssignOp = '=' | '|=' | '+=' | '-=' | '*=' | '/=' | '%=' | '//=';

export type Node =
  | { k: 'identity'; pos: number }
  | { k: 'recurse'; pos: number }
  | { k: 'index'; pos: number; target: Node; index: Node }
  | { k: 'slice'; pos: number; target: Node; from: Node | null; to: Node | null }
  | { k: 'iterate'; pos: number; target: Node }
  | { k: 'try'; pos: number; body: Node; handler: Node | null }
  | { k: 'literal'; pos: number; value: Value }
  | { k: 'string'; pos: number; parts: (string | Node)[]; fmt: string | null }
  | { k: 'format'; pos: number; name: string }
  | { k: 'array'; pos: number; body: Node | null }
  | { k: 'object'; pos: number; entries: ObjEntry[] }
  | { k: 'neg'; pos: number; body: Node }
  | { k: 'pipe'; pos: number; left: Node; right: Node }
  | { k: 'comma'; pos: number; left: Node; right: Node }
  | { k: 'binop'; pos: number; op: BinOp; left: Node; right: Node }
  | { k: 'and'; pos: number; left: Node; right: Node }
  | { k: 'or'; pos: number; left: Node; right: Node }
  | { k: 'alt'; pos: number; left: Node; right: Node }
  | { k: 'assign'; pos: number; op: AssignOp; left: Node; right: Node }
  | { k: 'if'; pos: number; cond: Node; then: Node; else: Node | null }
  | { k: 'reduce'; pos: number; source: Node; patterns: Pattern[]; init: Node; update: Node }
  | { k: 'foreach'; pos: number; source: Node; patterns: Pattern[]; init: Node; update: Node; extract: Node | null }
  | { k: 'bind'; pos: number; source: Node; patterns: Pattern[]; body: Node }
  | { k: 'label'; pos: number; name: string; body: Node }
  | { k: 'break'; pos: number; name: string }
  | { k: 'funcdefs'; pos: number; defs: FuncDef[]; body: Node }
  | { k: 'call'; pos: number; name: string; args: Node[] }
  | { k: 'var'; pos: number; name: string };

export interface ObjEntry {
  /** Key: a constant string, or an expression producing the key. */
  key: string | Node;
  /** Value; null means the shorthand `{a}` / `{$x}` / `{"a"}` forms. */
  value: Node | null;
  /** `{$x}` shorthand: the variable name. */
  varName?: string;
  pos: number;
}

export interface FuncDef {
  name: string;
  params: { name: string; isVar: boolean }[];
  body: Node;
  pos: number;
}

export type Pattern =
  | { k: 'pvar'; name: string; pos: number }
  | { k: 'parray'; elems: Pattern[]; pos: number }
  | { k: 'pobject'; entries: PObjEntry[]; pos: number };

export interface PObjEntry {
  /** `$name` binds the whole field too. */
  varName: string | null;
  key: string | Node | null; // null when only varName is given
  value: Pattern | null;
  pos: number;
}
