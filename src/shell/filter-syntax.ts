// The syntax error of the filter stage being typed, found by the filter
// language's own parser before anything runs, placed in the entry text: an
// expression entry (`.a > `), or `filter EXPR` with the expression as one
// word (`filter '.a > '`). Pure.
import { syntaxErrorOf } from '../filter/syntax-check.js';
import { isExpression } from './stage.js';
import { isWordBlank, shTokens } from './words.js';

export interface FilterSyntaxError {
  message: string;
  /** UTF-16 index in the entry text of the place the parser stopped. */
  at: number;
}

/** Where the filter expression of an entry starts in its text, and the
 * expression; undefined when the entry is not a filter stage with one
 * expression word. */
function expressionOf(text: string): { program: string; offset: number } | undefined {
  if (isExpression(text)) {
    let start = 0;
    while (start < text.length && isWordBlank(text[start])) start++;
    let end = text.length;
    while (end > start && isWordBlank(text[end - 1])) end--;
    return { program: text.slice(start, end), offset: start };
  }
  let words;
  try {
    words = shTokens(text, {
      onSyntax: () => undefined,
      fail: (message) => {
        throw new Error(message);
      },
    }).flatMap((t) => (t.kind === 'word' ? [t] : []));
  } catch {
    return undefined;
  }
  if (words[0]?.value === 'jn') words.shift();
  if (words.length !== 2 || words[0].value !== 'filter' || words[1].value.startsWith('-')) return undefined;
  const { value, at } = words[1];
  // the program's characters are in the text as they are: unquoted, or in '...'
  if (text.startsWith(value, at)) return { program: value, offset: at };
  if (text.startsWith(`'${value}'`, at)) return { program: value, offset: at + 1 };
  return { program: value, offset: -1 };
}

/** The first syntax error of a filter entry, or undefined (none, or not a
 * filter stage). `at` is -1 when the place cannot be shown in the text
 * (an expression written with double quotes or backslashes). */
export function filterSyntaxError(text: string): FilterSyntaxError | undefined {
  if (text.trim() === '' || text.trimStart().startsWith(':')) return undefined;
  const e = expressionOf(text);
  if (!e) return undefined;
  const err = syntaxErrorOf(e.program);
  if (!err) return undefined;
  return { message: err.message, at: e.offset < 0 ? -1 : e.offset + err.pos };
}
