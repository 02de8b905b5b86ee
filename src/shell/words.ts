// The one sh lexer of `jn shell`, for stage entries (stage.ts) and for
// pipelines read back from text (load.ts): blanks separate words; '...' is
// literal; "..." honours \" \\ \$ \` and backslash-newline; a backslash
// outside quotes escapes the next character (a trailing one stays); a
// backslash-newline outside quotes is removed entirely, even between words;
// adjacent parts join into one word. No expansion of any kind.
//
// Pure: no processes, no terminal.

/** The blanks that separate the words of a stage entry (as in sh; no
 * Unicode spaces). */
export function isWordBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';
}

/** A word, or (script mode) a `|` or a newline; `at` is the UTF-16 index
 * where it starts in the text. */
export type ShToken = { kind: 'word'; value: string; at: number } | { kind: 'pipe' | 'newline'; at: number };

interface ShLexOptions {
  /** Index of `text` to start at (default 0). */
  from?: number;
  /** Script mode (a pipeline in a file): only space, tab and CR are blanks;
   * a newline is a token; `#` at the start of a word begins a comment; `|`
   * is a token; `$` expansions and a backquote inside "..." are syntax too.
   * Otherwise (a stage entry) every isWordBlank character is a blank. */
  script?: boolean;
  /** Called with shell syntax met outside quotes (`'|'`, `'||'`, `';'`,
   * `'$(...)' (command substitution)`, ...) and its index. It may throw; if
   * it returns, the character stays in the word. */
  onSyntax: (what: string, at: number) => void;
  /** Throws the error for an unterminated quote opened at index `at`. */
  fail: (message: string, at: number) => never;
}

/** Characters that are shell syntax when unquoted. */
const OPERATORS = '|;&<>()`';

class Lexer {
  readonly tokens: ShToken[] = [];
  #i: number;
  #cur = '';
  /** Index where the current word began; -1 between words. */
  #start = -1;

  constructor(
    readonly text: string,
    readonly opts: ShLexOptions,
  ) {
    this.#i = opts.from ?? 0;
  }

  run(): ShToken[] {
    const { text, opts } = this;
    while (this.#i < text.length) {
      const i = this.#i;
      const c = text[i];
      if (c === '\\' && text[i + 1] === '\n') {
        this.#i += 2;
        continue;
      }
      if (opts.script ? c === ' ' || c === '\t' || c === '\r' : isWordBlank(c)) {
        this.#endWord();
        this.#i++;
        continue;
      }
      if (opts.script && this.#scriptToken(c, i)) continue;
      if (this.#start < 0) this.#start = i;
      if (c === "'") this.#single(i);
      else if (c === '"') this.#double(i);
      else if (c === '\\') {
        this.#cur += i + 1 < text.length ? text[i + 1] : '\\';
        this.#i += 2;
      } else {
        if (OPERATORS.includes(c)) opts.onSyntax(`'${c}'`, i);
        else if (c === '$' && opts.script) this.#dollar(i);
        this.#cur += c;
        this.#i++;
      }
    }
    this.#endWord();
    return this.tokens;
  }

  #endWord(): void {
    if (this.#start >= 0) this.tokens.push({ kind: 'word', value: this.#cur, at: this.#start });
    this.#cur = '';
    this.#start = -1;
  }

  /** A newline, a comment or a `|` at index i (script mode): true when
   * consumed. */
  #scriptToken(c: string, i: number): boolean {
    const { text } = this;
    if (c === '\n' || c === '|') {
      this.#endWord();
      if (c === '|' && text[i + 1] === '|') this.opts.onSyntax("'||'", i);
      this.tokens.push({ kind: c === '\n' ? 'newline' : 'pipe', at: i });
      this.#i++;
      return true;
    }
    if (c === '#' && this.#start < 0) {
      while (this.#i < text.length && text[this.#i] !== '\n') this.#i++;
      return true;
    }
    return false;
  }

  #single(open: number): void {
    const end = this.text.indexOf("'", open + 1);
    if (end < 0) this.opts.fail('unterminated single quote', open);
    this.#cur += this.text.slice(open + 1, end);
    this.#i = end + 1;
  }

  #double(open: number): void {
    const { text, opts } = this;
    let i = open + 1;
    for (;;) {
      if (i >= text.length) opts.fail('unterminated double quote', open);
      const d = text[i];
      if (d === '"') break;
      if (opts.script && d === '`') opts.onSyntax("'`'", i);
      if (opts.script && d === '$') this.#dollar(i);
      if (d === '\\' && i + 1 < text.length) {
        const e = text[i + 1];
        if (e === '"' || e === '\\' || e === '$' || e === '`') this.#cur += e;
        else if (e !== '\n') this.#cur += '\\' + e;
        i += 2;
        continue;
      }
      this.#cur += d;
      i++;
    }
    this.#i = i + 1;
  }

  /** A `$` at index at: an expansion is syntax (script mode). */
  #dollar(at: number): void {
    const { text, opts } = this;
    const next = text[at + 1];
    if (next === '(') opts.onSyntax("'$(...)' (command substitution)", at);
    if (next === '{') opts.onSyntax("'${...}' (a shell variable)", at);
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at + 1, at + 100));
    if (name) opts.onSyntax(`'$${name[0]}' (a shell variable)`, at);
    if (next !== undefined && /[0-9@*#?$!-]/.test(next)) opts.onSyntax(`'$${next}' (a shell parameter)`, at);
  }
}

/** Split `text` into words (and, in script mode, `|` and newline tokens)
 * with sh quoting rules. */
export function shTokens(text: string, opts: ShLexOptions): ShToken[] {
  return new Lexer(text, opts).run();
}
