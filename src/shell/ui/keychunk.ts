// One read of the terminal can hold several keys: `jjjjj` while `j` is held
// down, or keys typed faster than a frame is drawn. Ink splits a read at
// escape sequences (arrows, Esc) but hands the rest over as one string, so
// that `j` × 5 would arrive as the input "jjjjj" and match no key. Here such
// a string is cut back into keys, each described as Ink describes a key
// read on its own (ink/build/parse-keypress.js); text typed into the editor
// stays in runs, so that a paste is still one insert.
import type { Key } from 'ink';

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

export interface KeyPress {
  input: string;
  key: Key;
}

/** The key one character stands for, as Ink would report it alone. */
function keyOfChar(ch: string): KeyPress {
  switch (ch) {
    case '\r':
      return { input: ch, key: { ...NO_KEY, return: true } };
    case '\t':
      return { input: '', key: { ...NO_KEY, tab: true } };
    case '\b':
      return { input: '', key: { ...NO_KEY, backspace: true } };
    case '\x7f':
      return { input: '', key: { ...NO_KEY, delete: true } };
  }
  const code = ch.codePointAt(0)!;
  if (code >= 1 && code <= 26 && ch !== '\n') return { input: String.fromCharCode(code + 96), key: { ...NO_KEY, ctrl: true } };
  return { input: ch, key: { ...NO_KEY, shift: /^[A-Z]$/.test(ch) } };
}

/** Text, as the editor takes it in one insert: printable characters and
 * line ends (a pasted pipeline is split at its line ends by the editor). */
const isText = (ch: string): boolean => ch === '\n' || ch === '\r' || (ch >= ' ' && ch !== '\x7f');

/** Whether Ink's (input, key) holds more than one key. Only plain strings
 * can: escape sequences, Ctrl and Meta keys come one per event. */
export function isChunk(input: string, key: Key): boolean {
  return !key.ctrl && !key.meta && input.length > 1 && [...input].length > 1;
}

/** The first key of `chunk` (a string for which isChunk holds), and how many
 * UTF-16 units it takes. `asText`: a run of text is one key (the editor). */
export function firstKey(chunk: string, asText: boolean): KeyPress & { length: number } {
  const chars = [...chunk];
  if (asText && isText(chars[0])) {
    let n = 0;
    let length = 0;
    while (n < chars.length && isText(chars[n])) length += chars[n++].length;
    const text = chunk.slice(0, length);
    // one character is a key like any other (a lone '\r' is Enter)
    return n === 1 ? { ...keyOfChar(text), length } : { input: text, key: { ...NO_KEY }, length };
  }
  return { ...keyOfChar(chars[0]), length: chars[0].length };
}
