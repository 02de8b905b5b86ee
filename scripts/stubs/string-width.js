// string-width (Ink's measure of text, versions 7 and 8), measured as jn
// measures its own tables (src/kit/width.ts), so the two agree on every
// cell. string-width builds an Intl.Segmenter and Unicode property-of-string
// regular expressions (\p{RGI_Emoji}) when it is loaded: ~80 ms of jn
// shell's start-up before its first frame. Aliased by scripts/build.mjs.
import stripAnsi from 'strip-ansi';
import { displayWidth } from '../../src/kit/width.ts';

export default function stringWidth(input, options = {}) {
  if (typeof input !== 'string' || input.length === 0) return 0;
  let s = input;
  if (!options.countAnsiEscapeCodes && (s.includes('\u001B') || s.includes('\u009B'))) s = stripAnsi(s);
  return displayWidth(s);
}
