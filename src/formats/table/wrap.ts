// Text wrapped as tabulate wraps a cell for `maxcolwidths`: Python's
// textwrap.TextWrapper (tabs expanded, whitespace made spaces, words split
// after hyphens, whitespace dropped at line ends, words longer than a line
// broken) with tabulate's own long-word breaking. Widths are display widths
// (src/kit/width.ts), so CJK text wraps by the columns it takes.
import { displayWidth } from '../../kit/width.js';

const WS = '[\\t\\n\\v\\f\\r ]';
const NWS = '[^\\t\\n\\v\\f\\r ]';
const WORD = '[\\p{L}\\p{N}_]';
const PUNCT = '[\\p{L}\\p{N}_!"\'&.,?]';
const LETTER = '[\\p{L}\\p{Nl}\\p{No}_]';
// textwrap's wordsep_re: whitespace runs, em-dashes between words, and words
// (cut after a hyphen between letters).
const WORDSEP = new RegExp(
  `(${WS}+|(?<=${PUNCT})-{2,}(?=${WORD})|${NWS}+?(?:-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})|(?=${WS}|$)|(?<=${PUNCT})(?=-{2,}${WORD})))`,
  'u',
);

function expandTabs(s: string): string {
  if (!s.includes('\t')) return s;
  let out = '';
  let col = 0;
  for (const ch of s) {
    if (ch === '\t') {
      const n = 8 - (col % 8);
      out += ' '.repeat(n);
      col += n;
    } else if (ch === '\n' || ch === '\r') {
      out += ch;
      col = 0;
    } else {
      out += ch;
      col += 1;
    }
  }
  return out;
}

function chunksOf(text: string): string[] {
  const munged = expandTabs(text).replace(/[\t\n\v\f\r]/g, ' ');
  return munged.split(WORDSEP).filter((c) => c !== '');
}

/** The length of the head of a word that fits in `room` columns; on an
 * empty line at least one character, so that wrapping moves on. */
function headThatFits(word: string, room: number, emptyLine: boolean): number {
  let w = 0;
  let end = 0;
  for (const ch of word) {
    const cw = displayWidth(ch);
    if (w + cw > room && !(emptyLine && end === 0)) break;
    w += cw;
    end += ch.length;
  }
  return end;
}

/** One line of text wrapped to lines of at most `width` columns. */
function wrapLine(text: string, width: number): string[] {
  const chunks = chunksOf(text).reverse();
  const lines: string[] = [];
  while (chunks.length) {
    const cur: string[] = [];
    let len = 0;
    if (lines.length && chunks[chunks.length - 1].trim() === '') chunks.pop();
    while (chunks.length) {
      const w = displayWidth(chunks[chunks.length - 1]);
      if (len + w > width) break;
      cur.push(chunks.pop()!);
      len += w;
    }
    if (chunks.length && displayWidth(chunks[chunks.length - 1]) > width) {
      const word = chunks[chunks.length - 1];
      const end = headThatFits(word, width < 1 ? 1 : width - len, cur.length === 0);
      cur.push(word.slice(0, end));
      chunks[chunks.length - 1] = word.slice(end);
      if (chunks[chunks.length - 1] === '') chunks.pop();
    }
    if (cur.length && cur[cur.length - 1].trim() === '') cur.pop();
    if (cur.length) lines.push(cur.join(''));
  }
  return lines;
}

/** A cell's text wrapped for maxcolwidths: each of its non-blank lines
 * wrapped, the results joined by newlines. */
export function wrapCell(text: string, width: number): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => wrapLine(line, width).join('\n'))
    .join('\n');
}
