// The parser's token cursor (next, expect, fail with jq's messages) and the
// destructuring patterns of `as` bindings (`$x`, `[$a, $b]`, `{a: $x,
// $y}`); parser.ts builds on it for expressions.
import type { Node, Pattern, PObjEntry } from './ast.js';
import { desc } from './errors.js';
import { lex, SyntaxError, type Token } from './lexer.js';
import type { Value } from './values.js';

export abstract class TokenParser {
  protected toks: Token[];
  protected i = 0;
  constructor(
    protected readonly src: string,
    start = 0,
    end = src.length,
  ) {
    this.toks = lex(src, start, end);
  }

  /** Offset of the current token in the program. */
  get position(): number {
    return this.t.pos;
  }
  protected get t(): Token {
    return this.toks[this.i];
  }
  protected peek(n = 1): Token {
    return this.toks[Math.min(this.i + n, this.toks.length - 1)];
  }
  protected next(): Token {
    return this.toks[this.i++];
  }
  protected isOp(v: string): boolean {
    return this.t.kind === 'op' && this.t.value === v;
  }
  protected isKw(v: string): boolean {
    return this.t.kind === 'ident' && this.t.value === v;
  }
  protected fail(tok: Token = this.t, what?: string): never {
    const shown = tok.kind === 'eof' ? 'end of file' : `token '${this.src.slice(tok.pos, tok.end)}'`;
    throw new SyntaxError(what ?? `unexpected ${shown}`, tok.pos);
  }
  protected expectOp(v: string): Token {
    if (!this.isOp(v)) this.fail(this.t, this.t.kind === 'eof' ? `unexpected end of file, expecting '${v}'` : undefined);
    return this.next();
  }
  protected expectKw(v: string): Token {
    if (!this.isKw(v)) this.fail(this.t, this.t.kind === 'eof' ? `unexpected end of file, expecting '${v}'` : undefined);
    return this.next();
  }

  abstract parsePipe(): Node;
  protected abstract parseString(tok: Token, fmt: string | null): Node;

  protected parsePatterns(): Pattern[] {
    const ps = [this.parsePattern()];
    while (this.isOp('?//')) {
      this.next();
      ps.push(this.parsePattern());
    }
    return ps;
  }

  /** item (',' item)* close — the close token is consumed. */
  protected commaList<T>(close: string, item: () => T): T[] {
    const out: T[] = [];
    for (;;) {
      out.push(item());
      if (this.isOp(',')) {
        this.next();
        continue;
      }
      this.expectOp(close);
      return out;
    }
  }

  protected parsePattern(): Pattern {
    const t = this.t;
    if (t.kind === 'var') {
      this.next();
      return { k: 'pvar', name: t.value, pos: t.pos };
    }
    if (t.kind === 'op' && t.value === '[') {
      this.next();
      if (this.isOp(']')) this.fail();
      const elems = this.commaList(']', () => this.parsePattern());
      return { k: 'parray', elems, pos: t.pos };
    }
    if (t.kind === 'op' && t.value === '{') {
      this.next();
      if (this.isOp('}')) this.fail();
      const entries: PObjEntry[] = this.commaList('}', () => this.parsePObjEntry());
      return { k: 'pobject', entries, pos: t.pos };
    }
    this.fail();
  }

  protected parsePObjEntry(): PObjEntry {
    const t = this.t;
    const pos = t.pos;
    if (t.kind === 'var') {
      this.next();
      if (this.isOp(':')) {
        this.next();
        return { varName: t.value, key: null, value: this.parsePattern(), pos };
      }
      return { varName: t.value, key: null, value: null, pos };
    }
    let key: string | Node;
    if (t.kind === 'ident') {
      this.next();
      key = t.value;
    } else if (t.kind === 'str') {
      this.next();
      const n = this.parseString(t, null);
      key = n.k === 'literal' ? (n.value as string) : n;
    } else if (t.kind === 'op' && t.value === '(') {
      this.next();
      const e = this.parsePipe();
      this.expectOp(')');
      if (e.k === 'literal' && typeof e.value !== 'string') throw new SyntaxError(`Cannot use ${desc(e.value as Value)} as object key`, e.pos, 'semantic');
      key = e;
    } else this.fail();
    this.expectOp(':');
    return { varName: null, key, value: this.parsePattern(), pos };
  }
}

