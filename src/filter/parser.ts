// Precedence-climbing parser for the jq language (jq 1.7 grammar, with jq
// 1.8's relaxations: `if` without `else`, arbitrary object values).
//
// Precedence, lowest first: `def` / `|` (right) < `,` < `//` (right) <
// assignments (nonassoc) < `or` < `and` < comparisons (nonassoc) < `+ -`
// < `* / %` < unary minus < postfix (`.a`, `[e]`, `?`). `E as $x | body`
// takes the expression to its left up to the `//` level as its source.
import type { AssignOp, BinOp, FuncDef, Node, ObjEntry, Pattern } from './ast.js';
import { desc, isStackOverflow } from './errors.js';
import { lineCol, SyntaxError, type Token } from './lexer.js';
import { TokenParser } from './parser-base.js';

const KEYWORDS = new Set(['as', 'def', 'module', 'import', 'include', 'if', 'then', 'else', 'elif', 'end', 'reduce', 'foreach', 'and', 'or', 'try', 'catch', 'label', 'break', '__loc__']);

const BINARY: Record<string, { prec: number; assoc: 'left' | 'right' | 'none' }> = {
  '//': { prec: 3, assoc: 'right' },
  '=': { prec: 4, assoc: 'none' },
  '|=': { prec: 4, assoc: 'none' },
  '+=': { prec: 4, assoc: 'none' },
  '-=': { prec: 4, assoc: 'none' },
  '*=': { prec: 4, assoc: 'none' },
  '/=': { prec: 4, assoc: 'none' },
  '%=': { prec: 4, assoc: 'none' },
  '//=': { prec: 4, assoc: 'none' },
  or: { prec: 5, assoc: 'left' },
  and: { prec: 6, assoc: 'left' },
  '==': { prec: 7, assoc: 'none' },
  '!=': { prec: 7, assoc: 'none' },
  '<': { prec: 7, assoc: 'none' },
  '<=': { prec: 7, assoc: 'none' },
  '>': { prec: 7, assoc: 'none' },
  '>=': { prec: 7, assoc: 'none' },
  '+': { prec: 8, assoc: 'left' },
  '-': { prec: 8, assoc: 'left' },
  '*': { prec: 9, assoc: 'left' },
  '/': { prec: 9, assoc: 'left' },
  '%': { prec: 9, assoc: 'left' },
};

/** An expression of a comma list, with the position of the ',' before it
 * (-1 for the first). */
interface CommaItem {
  node: Node;
  commaPos: number;
}

/** `source as patterns |`: the head of a binding whose body is the rest of the pipe. */
interface BindHead {
  pos: number;
  source: Node;
  patterns: Pattern[];
  commaPos: number;
}

/** items..., last as jq's left-nested comma nodes (last's ',' at lastPos). */
function commaOf(items: CommaItem[], last: Node, lastPos: number): Node {
  if (items.length === 0) return last;
  let node = items[0].node;
  for (let j = 1; j < items.length; j++) node = { k: 'comma', pos: items[j].commaPos, left: node, right: items[j].node };
  return { k: 'comma', pos: lastPos, left: node, right: last };
}

class Parser extends TokenParser {
  parseProgram(): Node {
    // module directives are not supported
    if (this.isKw('import') || this.isKw('include') || this.isKw('module')) this.fail(this.t, `modules are not supported ('${this.t.value}')`);
    if (this.isKw('def')) {
      const pos = this.t.pos;
      const defs = this.parseDefs();
      const body = this.t.kind === 'eof' ? ({ k: 'identity', pos } as Node) : this.parsePipe();
      if (this.t.kind !== 'eof') this.fail();
      return { k: 'funcdefs', pos, defs, body };
    }
    const n = this.parsePipe();
    if (this.t.kind !== 'eof') this.fail();
    return n;
  }

  /** Only definitions (the prelude). */
  parseDefsOnly(): FuncDef[] {
    const defs = this.parseDefs();
    if (this.t.kind !== 'eof') this.fail();
    return defs;
  }

  private parseDefs(): FuncDef[] {
    const defs: FuncDef[] = [];
    while (this.isKw('def')) defs.push(this.parseDef());
    return defs;
  }

  private parseDef(): FuncDef {
    const pos = this.expectKw('def').pos;
    const nameTok = this.next();
    if (nameTok.kind !== 'ident' || KEYWORDS.has(nameTok.value)) this.fail(nameTok);
    const params: { name: string; isVar: boolean }[] = [];
    if (this.isOp('(')) {
      this.next();
      for (;;) {
        const p = this.next();
        if (p.kind === 'var') params.push({ name: p.value, isVar: true });
        else if (p.kind === 'ident' && !KEYWORDS.has(p.value)) params.push({ name: p.value, isVar: false });
        else this.fail(p);
        if (this.isOp(';')) {
          this.next();
          continue;
        }
        this.expectOp(')');
        break;
      }
    }
    this.expectOp(':');
    const body = this.parsePipe();
    this.expectOp(';');
    return { name: nameTok.value, params, body, pos };
  }

  /** pipe: (defs | comma-list '|' | comma-list `as` patterns '|')* comma-list,
   * a comma-list being bound (',' bound)*, each bound an expression at the
   * `//` level; a bound followed by `as PATTERNS |` ends its list and binds
   * the rest of the pipe. A flat chain (`a | b | c ...`, `def`s, bindings,
   * `a, b, c ...`) is read in loops and its nodes built from the right at
   * the end: no recursion per link (and the comma list is read here, not in
   * a function of its own: one JS frame less per level of nesting). */
  parsePipe(): Node {
    const wraps: ((body: Node) => Node)[] = [];
    let last: Node;
    for (;;) {
      if (this.isKw('def')) {
        const pos = this.t.pos;
        const defs = this.parseDefs();
        wraps.push((body) => ({ k: 'funcdefs', pos, defs, body }));
        continue;
      }
      const items: CommaItem[] = [];
      let commaPos = -1;
      let bind: BindHead | null = null;
      for (;;) {
        const node = this.parseBinary(3);
        if (this.isKw('as')) {
          const pos = this.next().pos;
          const patterns = this.parsePatterns();
          this.expectOp('|');
          bind = { pos, source: node, patterns, commaPos };
          break;
        }
        items.push({ node, commaPos });
        if (!this.isOp(',')) break;
        commaPos = this.next().pos;
      }
      if (bind) {
        const head = bind;
        wraps.push((body) => {
          const b: Node = { k: 'bind', pos: head.pos, source: head.source, patterns: head.patterns, body };
          return items.length === 0 ? b : commaOf(items, b, head.commaPos);
        });
        continue;
      }
      const end = items.pop()!;
      const left = commaOf(items, end.node, end.commaPos);
      if (this.isOp('|')) {
        const pos = this.next().pos;
        wraps.push((right) => ({ k: 'pipe', pos, left, right }));
        continue;
      }
      last = left;
      break;
    }
    for (let k = wraps.length - 1; k >= 0; k--) last = wraps[k](last);
    return last;
  }

  private binOpAt(): { op: string; prec: number; assoc: string } | null {
    const t = this.t;
    if (t.kind === 'op' && BINARY[t.value]) return { op: t.value, ...BINARY[t.value] };
    if (t.kind === 'ident' && (t.value === 'and' || t.value === 'or')) return { op: t.value, ...BINARY[t.value] };
    return null;
  }

  /** Binary operators from precedence minPrec up, with an operator stack
   * (no recursion per operator: `1 + 1 + ...` and `a // b // ...` of any
   * length). Left-associative operators group to the left, `//` to the
   * right; a non-associative one followed by one of its level fails. */
  private parseBinary(minPrec: number): Node {
    // (parseUnary inlined: one JS frame less per level of nesting)
    const operands: Node[] = [this.isOp('-') ? this.parseUnary() : this.parsePostfix()];
    const ops: { op: string; prec: number; assoc: string; pos: number }[] = [];
    const reduce = (): void => {
      const o = ops.pop()!;
      const right = operands.pop()!;
      const left = operands.pop()!;
      operands.push(this.makeBinary(o.op, left, right, o.pos));
    };
    for (;;) {
      const b = this.binOpAt();
      if (!b || b.prec < minPrec) break;
      while (ops.length > 0) {
        const top = ops[ops.length - 1];
        if (top.prec === b.prec && top.assoc === 'none') this.fail();
        if (top.prec > b.prec || (top.prec === b.prec && top.assoc === 'left')) reduce();
        else break;
      }
      ops.push({ ...b, pos: this.next().pos });
      operands.push(this.isOp('-') ? this.parseUnary() : this.parsePostfix());
    }
    while (ops.length > 0) reduce();
    return operands[0];
  }

  private makeBinary(op: string, left: Node, right: Node, pos: number): Node {
    switch (op) {
      case 'and':
        return { k: 'and', pos, left, right };
      case 'or':
        return { k: 'or', pos, left, right };
      case '//':
        return { k: 'alt', pos, left, right };
      case '=':
      case '|=':
      case '+=':
      case '-=':
      case '*=':
      case '/=':
      case '%=':
      case '//=':
        return { k: 'assign', pos, op: op as AssignOp, left, right };
    }
    return { k: 'binop', pos, op: op as BinOp, left, right };
  }

  private parseUnary(): Node {
    if (this.isOp('-')) {
      const pos = this.next().pos;
      return { k: 'neg', pos, body: this.parseBinary(9) };
    }
    return this.parsePostfix();
  }

  private parseTryBody(): Node {
    if (this.isOp('-')) {
      const pos = this.next().pos;
      return { k: 'neg', pos, body: this.parseTryBody() };
    }
    return this.parsePostfix();
  }

  private parsePostfix(): Node {
    let term = this.parsePrimary();
    for (;;) {
      const t = this.t;
      if (t.kind === 'field') {
        this.next();
        term = { k: 'index', pos: t.pos, target: term, index: { k: 'literal', pos: t.pos, value: t.value } };
        continue;
      }
      if (t.kind === 'op' && t.value === '.') {
        const n = this.peek();
        if (n.kind === 'str') {
          this.next();
          const key = this.parseString(this.next(), null);
          term = { k: 'index', pos: t.pos, target: term, index: key };
          continue;
        }
        if (n.kind === 'op' && n.value === '[') {
          this.next();
          continue; // handled as '[' next round
        }
        this.fail(n);
      }
      if (t.kind === 'op' && t.value === '[') {
        term = this.parseBracketSuffix(term);
        continue;
      }
      if (t.kind === 'op' && t.value === '?') {
        this.next();
        term = { k: 'try', pos: t.pos, body: term, handler: null };
        continue;
      }
      return term;
    }
  }

  private parseBracketSuffix(target: Node): Node {
    const pos = this.expectOp('[').pos;
    if (this.isOp(']')) {
      this.next();
      return { k: 'iterate', pos, target };
    }
    if (this.isOp(':')) {
      this.next();
      const to = this.parsePipe();
      this.expectOp(']');
      return { k: 'slice', pos, target, from: null, to };
    }
    const e = this.parsePipe();
    if (this.isOp(':')) {
      this.next();
      if (this.isOp(']')) {
        this.next();
        return { k: 'slice', pos, target, from: e, to: null };
      }
      const to = this.parsePipe();
      this.expectOp(']');
      return { k: 'slice', pos, target, from: e, to };
    }
    this.expectOp(']');
    return { k: 'index', pos, target, index: e };
  }

  protected parseString(tok: Token, fmt: string | null): Node {
    const parts: (string | Node)[] = [];
    for (const p of tok.parts!) {
      if (p.text !== undefined) parts.push(p.text);
      else {
        const sub = new Parser(this.src, p.start!, p.end!);
        const n = sub.parsePipe();
        if (sub.t.kind !== 'eof') sub.fail();
        parts.push(n);
      }
    }
    if (parts.length === 1 && typeof parts[0] === 'string' && fmt === null) return { k: 'literal', pos: tok.pos, value: parts[0] };
    return { k: 'string', pos: tok.pos, parts, fmt };
  }

  private parsePrimary(): Node {
    const t = this.t;
    switch (t.kind) {
      case 'num':
        this.next();
        return { k: 'literal', pos: t.pos, value: t.num! };
      case 'str':
        this.next();
        return this.parseString(t, null);
      case 'format': {
        this.next();
        if (this.t.kind === 'str') return this.parseString(this.next(), t.value);
        return { k: 'format', pos: t.pos, name: t.value };
      }
      case 'field':
        this.next();
        return { k: 'index', pos: t.pos, target: { k: 'identity', pos: t.pos }, index: { k: 'literal', pos: t.pos, value: t.value } };
      case 'var':
        this.next();
        if (t.value === '__loc__') return { k: 'literal', pos: t.pos, value: { file: '<top-level>', line: lineCol(this.src, t.pos)[0] } };
        return { k: 'var', pos: t.pos, name: t.value };
      case 'op':
        switch (t.value) {
          case '.': {
            this.next();
            if (this.t.kind === 'str') {
              const key = this.parseString(this.next(), null);
              return { k: 'index', pos: t.pos, target: { k: 'identity', pos: t.pos }, index: key };
            }
            return { k: 'identity', pos: t.pos };
          }
          case '..':
            this.next();
            return { k: 'recurse', pos: t.pos };
          case '(': {
            this.next();
            const e = this.parsePipe();
            this.expectOp(')');
            return e;
          }
          case '[': {
            this.next();
            if (this.isOp(']')) {
              this.next();
              return { k: 'array', pos: t.pos, body: null };
            }
            const e = this.parsePipe();
            this.expectOp(']');
            return { k: 'array', pos: t.pos, body: e };
          }
          case '{':
            return this.parseObject();
          case '-':
            return this.parseUnary();
        }
        this.fail();
      // eslint-disable-next-line no-fallthrough
      case 'ident':
        return this.parseIdent();
      case 'eof':
        this.fail();
    }
  }

  private parseIdent(): Node {
    const t = this.t;
    switch (t.value) {
      case 'null':
        this.next();
        return { k: 'literal', pos: t.pos, value: null };
      case 'true':
        this.next();
        return { k: 'literal', pos: t.pos, value: true };
      case 'false':
        this.next();
        return { k: 'literal', pos: t.pos, value: false };
      case 'if':
        return this.parseIf();
      case 'try': {
        this.next();
        const body = this.parseTryBody();
        let handler: Node | null = null;
        if (this.isKw('catch')) {
          this.next();
          handler = this.parseTryBody();
        }
        return { k: 'try', pos: t.pos, body, handler };
      }
      case 'reduce': {
        const { source, patterns, init, update } = this.parseFoldHead();
        this.expectOp(')');
        return { k: 'reduce', pos: t.pos, source, patterns, init, update };
      }
      case 'foreach': {
        const { source, patterns, init, update } = this.parseFoldHead();
        let extract: Node | null = null;
        if (this.isOp(';')) {
          this.next();
          extract = this.parsePipe();
        }
        this.expectOp(')');
        return { k: 'foreach', pos: t.pos, source, patterns, init, update, extract };
      }
      case 'label': {
        this.next();
        const v = this.next();
        if (v.kind !== 'var') this.fail(v);
        this.expectOp('|');
        return { k: 'label', pos: t.pos, name: v.value, body: this.parsePipe() };
      }
      case 'break': {
        this.next();
        const v = this.next();
        if (v.kind !== 'var') this.fail(v, 'break requires a label to break to');
        return { k: 'break', pos: t.pos, name: v.value };
      }
      case 'def': {
        const defs = this.parseDefs();
        return { k: 'funcdefs', pos: t.pos, defs, body: this.parsePipe() };
      }
    }
    if (KEYWORDS.has(t.value)) this.fail();
    this.next();
    const args: Node[] = [];
    if (this.isOp('(') && this.peek().kind === 'op' && this.peek().value === ')') {
      // jn extension: `count()` is `count`
      this.next();
      this.next();
    } else if (this.isOp('(')) {
      this.next();
      for (;;) {
        args.push(this.parsePipe());
        if (this.isOp(';')) {
          this.next();
          continue;
        }
        this.expectOp(')');
        break;
      }
    }
    return { k: 'call', pos: t.pos, name: t.value, args };
  }

  private parseIf(): Node {
    const pos = this.expectKw('if').pos;
    const cond = this.parsePipe();
    this.expectKw('then');
    const then = this.parsePipe();
    if (this.isKw('elif')) {
      // elif ... is a nested if without its own `end`
      const epos = this.t.pos;
      this.toks[this.i] = { ...this.t, value: 'if' };
      const rest = this.parseIfNoEnd(epos);
      return { k: 'if', pos, cond, then, else: rest };
    }
    let els: Node | null = null;
    if (this.isKw('else')) {
      this.next();
      els = this.parsePipe();
    }
    this.expectKw('end');
    return { k: 'if', pos, cond, then, else: els };
  }

  private parseIfNoEnd(pos: number): Node {
    // like parseIf: consumes the shared `end`
    return { ...this.parseIf(), pos };
  }

  private parseObject(): Node {
    const pos = this.expectOp('{').pos;
    const entries: ObjEntry[] = [];
    if (this.isOp('}')) {
      this.next();
      return { k: 'object', pos, entries };
    }
    entries.push(...this.commaList('}', () => this.parseObjEntry()));
    return { k: 'object', pos, entries };
  }

  /** An object value: `//`-level expressions joined by '|' (no ','),
   * read in a loop and nested from the right. */
  private parseObjVal(): Node {
    const parts: Node[] = [this.parseBinary(3)];
    const pipes: number[] = [];
    while (this.isOp('|')) {
      pipes.push(this.next().pos);
      parts.push(this.parseBinary(3));
    }
    let node = parts[parts.length - 1];
    for (let k = pipes.length - 1; k >= 0; k--) node = { k: 'pipe', pos: pipes[k], left: parts[k], right: node };
    return node;
  }

  private parseObjEntry(): ObjEntry {
    const t = this.t;
    const pos = t.pos;
    if (t.kind === 'var') {
      this.next();
      if (t.value === '__loc__') {
        return { key: '__loc__', value: { k: 'literal', pos, value: { file: '<top-level>', line: lineCol(this.src, pos)[0] } }, pos };
      }
      if (this.isOp(':')) {
        this.next();
        return { key: { k: 'var', pos, name: t.value }, value: this.parseObjVal(), pos };
      }
      return { key: t.value, value: null, varName: t.value, pos };
    }
    if (t.kind === 'ident') {
      this.next();
      if (this.isOp(':')) {
        this.next();
        return { key: t.value, value: this.parseObjVal(), pos };
      }
      return { key: t.value, value: null, pos };
    }
    if (t.kind === 'str' || t.kind === 'format') {
      let key: Node;
      if (t.kind === 'format') {
        this.next();
        if (this.t.kind !== 'str') this.fail();
        key = this.parseString(this.next(), t.value);
      } else key = this.parseString(this.next(), null);
      const constKey = key.k === 'literal' ? (key.value as string) : key;
      if (this.isOp(':')) {
        this.next();
        return { key: constKey, value: this.parseObjVal(), pos };
      }
      return { key: constKey, value: null, pos };
    }
    if (t.kind === 'op' && t.value === '(') {
      this.next();
      const key = this.parsePipe();
      this.expectOp(')');
      if (key.k === 'literal' && typeof key.value !== 'string') throw new SyntaxError(`Cannot use ${desc(key.value)} as object key`, key.pos, 'semantic');
      this.expectOp(':');
      return { key, value: this.parseObjVal(), pos };
    }
    if (t.kind === 'num') throw new SyntaxError('May need parentheses around object key expression', t.pos, 'semantic');
    this.fail();
  }

  /** `reduce`/`foreach` SOURCE as PATTERNS (INIT; UPDATE — up to, not
   * including, foreach's optional `; EXTRACT` and the closing parenthesis. */
  private parseFoldHead(): { source: Node; patterns: Pattern[]; init: Node; update: Node } {
    this.next();
    const source = this.parseBinary(3);
    this.expectKw('as');
    const patterns = this.parsePatterns();
    this.expectOp('(');
    const init = this.parsePipe();
    this.expectOp(';');
    const update = this.parsePipe();
    return { source, patterns, init, update };
  }

}

/** The AST of a program. Nesting deeper than the JS stack allows is a
 * SyntaxError of kind 'nesting' at the token the parser had reached. */
export function parse(src: string): Node {
  const p = new Parser(src);
  try {
    return p.parseProgram();
  } catch (e) {
    if (isStackOverflow(e)) throw new SyntaxError('program too deeply nested', p.position, 'nesting');
    throw e;
  }
}

export function parseDefs(src: string): FuncDef[] {
  return new Parser(src).parseDefsOnly();
}
