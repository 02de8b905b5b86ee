// Stage entries of `jn shell`: the text a user types for one pipeline stage,
// and the argv (without the leading `jn`) it stands for.
//
//   head 20                 -> ['head', '20']
//   join c.csv --on id      -> ['join', 'c.csv', '--on', 'id']
//   jn filter '.x > 1'      -> ['filter', '.x > 1']   (a pasted command)
//   .x > 10                 -> ['filter', '.x > 10']  (bare text is a filter expression, verbatim)
//
// Pure: no processes, no terminal.
import { isWordBlank, shTokens } from './words.js';

/** jn sub-commands allowed as stages. */
export const STAGE_COMMANDS: readonly string[] = Object.freeze(['filter', 'head', 'tail', 'join', 'merge', 'analyze', 'inspect', 'table', 'edit', 'sh']);

/** A stage entry that cannot be read. `column` is 1-based, counted in code
 * points of the entry text exactly as given (before any trimming). */
export class StageSyntaxError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
    this.name = 'StageSyntaxError';
  }
}

/** 1-based code-point column of UTF-16 index `index` in `text`. */
export function columnAt(text: string, index: number): number {
  let col = 1;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    // the high half of a surrogate pair counts, the low half does not
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = text.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) continue;
    }
    col++;
  }
  return col;
}

interface Lexed {
  words: string[];
  /** UTF-16 index of each unquoted, unescaped shell operator character
   * (| ; & < > ( ) `): in a command stage they most likely mean the user
   * pasted more than one command. */
  operators: number[];
}

/** Word splitting with sh quoting rules (words.ts), from index `from` of `text`. */
function lex(text: string, from = 0): Lexed {
  const operators: number[] = [];
  const tokens = shTokens(text, {
    from,
    onSyntax: (_what, at) => operators.push(at),
    fail: (message, at) => {
      throw new StageSyntaxError(message, columnAt(text, at));
    },
  });
  return { words: tokens.flatMap((t) => (t.kind === 'word' ? [t.value] : [])), operators };
}

/** POSIX-sh-like word splitting of a stage entry: blanks separate words;
 * '...' is literal; "..." honours \" \\ \$ \` and backslash-newline; a
 * backslash outside quotes escapes the next character; adjacent parts join
 * into one word. No expansion of any kind: `$x`, `*`, `~` stay as written.
 * An unterminated quote throws StageSyntaxError at the opening quote. */
export function splitWords(text: string): string[] {
  return lex(text).words;
}

function skipBlanks(text: string, i: number): number {
  while (i < text.length && isWordBlank(text[i])) i++;
  return i;
}

function wordEnd(text: string, i: number): number {
  while (i < text.length && !isWordBlank(text[i])) i++;
  return i;
}

function trimBlanksEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isWordBlank(text[end - 1])) end--;
  return text.slice(0, end);
}

type Classified =
  | { kind: 'empty' }
  | { kind: 'jn-alone'; at: number }
  | { kind: 'not-a-stage'; at: number; word: string }
  | { kind: 'command'; at: number }
  | { kind: 'expression'; at: number };

function classify(text: string): Classified {
  let i = skipBlanks(text, 0);
  if (i === text.length) return { kind: 'empty' };
  let end = wordEnd(text, i);
  let first = text.slice(i, end);
  let viaJn = false;
  if (first === 'jn') {
    const at = i;
    viaJn = true;
    i = skipBlanks(text, end);
    if (i === text.length) return { kind: 'jn-alone', at };
    end = wordEnd(text, i);
    first = text.slice(i, end);
  }
  if (STAGE_COMMANDS.includes(first)) return { kind: 'command', at: i };
  if (viaJn) return { kind: 'not-a-stage', at: i, word: first };
  return { kind: 'expression', at: i };
}

/** The argv (without `jn`) of a stage entry. A leading `jn` is dropped (a
 * pasted command). If the first word is one of STAGE_COMMANDS the entry is
 * split into words; otherwise the whole trimmed entry is a filter
 * expression, taken verbatim: ['filter', text]. Throws StageSyntaxError for
 * an empty entry, an unterminated quote, an unquoted shell operator
 * (| ; & < > ( ) `) in a command stage, `jn X` where X is not a stage
 * command, and `filter` without an expression. */
export function stageArgv(text: string): string[] {
  const c = classify(text);
  switch (c.kind) {
    case 'empty':
      throw new StageSyntaxError('empty stage', 1);
    case 'jn-alone':
      throw new StageSyntaxError(`'jn' needs a command after it (${STAGE_COMMANDS.join(', ')})`, columnAt(text, c.at));
    case 'not-a-stage':
      throw new StageSyntaxError(`'${c.word}' cannot be a stage; stages are ${STAGE_COMMANDS.join(', ')}, or a filter expression`, columnAt(text, c.at));
    case 'expression':
      return ['filter', trimBlanksEnd(text.slice(c.at))];
    case 'command': {
      const { words, operators } = lex(text, c.at);
      if (operators.length > 0) {
        const at = operators[0];
        const hint = text[at] === '|' ? ': add each stage on its own' : '';
        throw new StageSyntaxError(`unquoted '${text[at]}' is shell syntax; quote it to pass it as an argument${hint}`, columnAt(text, at));
      }
      if (words[0] === 'filter' && words.length === 1) throw new StageSyntaxError('filter needs an expression', columnAt(text, c.at));
      return words;
    }
  }
}

/** True when stageArgv would make `text` a filter stage from bare text
 * (it is not empty, does not start with `jn`, and its first word is not a
 * stage command). */
export function isExpression(text: string): boolean {
  return classify(text).kind === 'expression';
}
