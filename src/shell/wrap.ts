// Text wrapped to a width in terminal columns, at spaces where it can be,
// for the boxes that show a whole text (the help, a stage's error).
import { displayWidth } from '../kit/width.js';

/** A word cut into pieces of at most `width` columns. */
function cutWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece && displayWidth(piece + ch) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  return piece ? [...pieces, piece] : pieces;
}

/** The lines of `text` at most `width` columns wide: its own line breaks
 * kept, long lines broken at spaces, words longer than a line cut. */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const para of text.split(/\r\n|\r|\n/)) {
    let line = '';
    for (const word of para.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (displayWidth(next) <= w) {
        line = next;
        continue;
      }
      if (line) out.push(line);
      const pieces = cutWord(word, w);
      line = pieces.pop() ?? '';
      out.push(...pieces);
    }
    out.push(line);
  }
  return out;
}
