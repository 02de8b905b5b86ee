// Pure single-line editing for the stage editor: a value and a cursor
// (in UTF-16 units, kept on code point boundaries).

export interface Line {
  text: string;
  cursor: number;
}

export type EditKey =
  | { type: 'insert'; text: string }
  | { type: 'left' | 'right' | 'home' | 'end' | 'backspace' | 'delete' | 'kill-line' | 'kill-to-end' | 'kill-word' | 'word-left' | 'word-right' };

function prevBoundary(s: string, i: number): number {
  if (i <= 0) return 0;
  const c = s.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && i >= 2 ? i - 2 : i - 1;
}

function nextBoundary(s: string, i: number): number {
  if (i >= s.length) return s.length;
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? i + 2 : i + 1;
}

function wordLeft(s: string, i: number): number {
  let j = i;
  while (j > 0 && /\s/.test(s[j - 1])) j--;
  while (j > 0 && !/\s/.test(s[j - 1])) j--;
  return j;
}

function wordRight(s: string, i: number): number {
  let j = i;
  while (j < s.length && /\s/.test(s[j])) j++;
  while (j < s.length && !/\s/.test(s[j])) j++;
  return j;
}

export function edit(line: Line, key: EditKey): Line {
  const { text, cursor } = line;
  switch (key.type) {
    case 'insert':
      return { text: text.slice(0, cursor) + key.text + text.slice(cursor), cursor: cursor + key.text.length };
    case 'left':
      return { text, cursor: prevBoundary(text, cursor) };
    case 'right':
      return { text, cursor: nextBoundary(text, cursor) };
    case 'home':
      return { text, cursor: 0 };
    case 'end':
      return { text, cursor: text.length };
    case 'word-left':
      return { text, cursor: wordLeft(text, cursor) };
    case 'word-right':
      return { text, cursor: wordRight(text, cursor) };
    case 'backspace': {
      const p = prevBoundary(text, cursor);
      return { text: text.slice(0, p) + text.slice(cursor), cursor: p };
    }
    case 'delete': {
      const n = nextBoundary(text, cursor);
      return { text: text.slice(0, cursor) + text.slice(n), cursor };
    }
    case 'kill-line':
      return { text: text.slice(cursor), cursor: 0 };
    case 'kill-to-end':
      return { text: text.slice(0, cursor), cursor };
    case 'kill-word': {
      const p = wordLeft(text, cursor);
      return { text: text.slice(0, p) + text.slice(cursor), cursor: p };
    }
  }
}
