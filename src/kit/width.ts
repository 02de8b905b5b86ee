// Display width of text in a terminal, wcwidth-style, so that tables line up
// when cells hold CJK text or emoji.
//
// Per code point: East Asian Wide / Fullwidth characters (CJK ideographs,
// kana, Hangul syllables, fullwidth forms, emoji with emoji presentation) are
// 2 columns; combining marks, format characters (zero-width joiner and
// non-joiner, bidi marks, BOM), variation selectors and Hangul medial/final
// jamo are 0; everything else is 1. A text-presentation emoji followed by
// VS16 (U+FE0F, "show as emoji") counts 2, as modern terminals draw it.
// Control characters are not measured: escapeControls() replaces them with a
// visible escape (`\n`, `\t`, `\x1b`, ...) before anything is rendered, which
// also keeps terminal escape sequences in data from reaching the terminal.
// Grapheme clusters are not joined: a ZWJ emoji sequence counts as the sum of
// its parts, as wcwidth does.

// East Asian Width W and F ranges (from the Unicode 14 database, runs merged
// across unassigned gaps, emoji blocks and planes 2-3 extended to their
// ends), as [first, last] pairs sorted by first. Combining marks inside
// them (U+302A-302D, U+3099-309A) are left out.
const WIDE: number[] = [
  0x1100, 0x115f, 0x231a, 0x231b, 0x2329, 0x232a, 0x23e9, 0x23ec, 0x23f0, 0x23f0, 0x23f3, 0x23f3,
  0x25fd, 0x25fe, 0x2614, 0x2615, 0x2648, 0x2653, 0x267f, 0x267f, 0x2693, 0x2693, 0x26a1, 0x26a1,
  0x26aa, 0x26ab, 0x26bd, 0x26be, 0x26c4, 0x26c5, 0x26ce, 0x26ce, 0x26d4, 0x26d4, 0x26ea, 0x26ea,
  0x26f2, 0x26f3, 0x26f5, 0x26f5, 0x26fa, 0x26fa, 0x26fd, 0x26fd, 0x2705, 0x2705, 0x270a, 0x270b,
  0x2728, 0x2728, 0x274c, 0x274c, 0x274e, 0x274e, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
  0x27b0, 0x27b0, 0x27bf, 0x27bf, 0x2b1b, 0x2b1c, 0x2b50, 0x2b50, 0x2b55, 0x2b55, 0x2e80, 0x3029,
  0x302e, 0x303e, 0x3041, 0x3096, 0x309b, 0x3247, 0x3250, 0x4dbf, 0x4e00, 0xa4c6, 0xa960, 0xa97c,
  0xac00, 0xd7a3, 0xf900, 0xfad9, 0xfe10, 0xfe19, 0xfe30, 0xfe6b, 0xff01, 0xff60, 0xffe0, 0xffe6,
  0x16fe0, 0x16fe3, 0x16ff0, 0x1b2fb, 0x1f004, 0x1f004, 0x1f0cf, 0x1f0cf, 0x1f18e, 0x1f18e,
  0x1f191, 0x1f19a, 0x1f200, 0x1f320, 0x1f32d, 0x1f335, 0x1f337, 0x1f37c, 0x1f37e, 0x1f393,
  0x1f3a0, 0x1f3ca, 0x1f3cf, 0x1f3d3, 0x1f3e0, 0x1f3f0, 0x1f3f4, 0x1f3f4, 0x1f3f8, 0x1f43e,
  0x1f440, 0x1f440, 0x1f442, 0x1f4fc, 0x1f4ff, 0x1f53d, 0x1f54b, 0x1f54e, 0x1f550, 0x1f567,
  0x1f57a, 0x1f57a, 0x1f595, 0x1f596, 0x1f5a4, 0x1f5a4, 0x1f5fb, 0x1f64f, 0x1f680, 0x1f6c5,
  0x1f6cc, 0x1f6cc, 0x1f6d0, 0x1f6d2, 0x1f6d5, 0x1f6df, 0x1f6eb, 0x1f6ec, 0x1f6f4, 0x1f6fc,
  0x1f7e0, 0x1f7f0, 0x1f90c, 0x1f93a, 0x1f93c, 0x1f945, 0x1f947, 0x1f9ff, 0x1fa70, 0x1faff,
  0x20000, 0x2fffd, 0x30000, 0x3fffd,
];

function inWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < WIDE[2 * mid]) hi = mid - 1;
    else if (cp > WIDE[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

// Nonspacing and enclosing marks, format characters (ZWJ U+200D, ZWNJ,
// bidi controls, BOM, ...), variation selectors.
const ZERO = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;
const EMOJI = /^\p{Emoji}$/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Columns one code point takes (controls count 0: escape them first). */
function codePointWidth(cp: number): number {
  if (cp >= 0x20 && cp < 0x7f) return 1;
  if (cp < 0xa0) return 0; // C0, DEL, C1
  if (cp === 0xad) return 1; // soft hyphen: terminals draw it
  if (cp < 0x300) return 1;
  if (inWide(cp)) return 2;
  if ((cp >= 0x1160 && cp <= 0x11ff) || (cp >= 0xd7b0 && cp <= 0xd7ff)) return 0; // Hangul medial/final jamo
  const ch = String.fromCodePoint(cp);
  if (ZERO.test(ch)) return 0;
  if (cp >= 0x1f000 && EMOJI_PRESENTATION.test(ch)) return 2; // e.g. regional indicators
  return 1;
}

/** Code points of s with the columns each adds: VS16 (U+FE0F) after a
 * narrow emoji-capable character adds 1, making that emoji wide. */
function* measured(s: string): Generator<[string, number]> {
  let prevCp = -1;
  let prevW = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    let w: number;
    if (cp === 0xfe0f) w = prevW === 1 && EMOJI.test(String.fromCodePoint(prevCp)) ? 1 : 0;
    else w = codePointWidth(cp);
    yield [ch, w];
    prevCp = cp;
    prevW = cp === 0xfe0f ? prevW + w : w;
  }
}

/** Display width of s in terminal columns. */
export function displayWidth(s: string): number {
  if (PRINTABLE_ASCII.test(s)) return s.length;
  let w = 0;
  for (const [, cw] of measured(s)) w += cw;
  return w;
}


/** s cut to at most max columns, ending in `…` when something was cut
 * (a wide character that does not fit before the `…` is dropped whole). */
export function truncateToWidth(s: string, max: number): string {
  if (displayWidth(s) <= max) return s;
  if (max <= 0) return '';
  const budget = max - 1; // room for the ellipsis
  let w = 0;
  let end = 0;
  for (const [ch, cw] of measured(s)) {
    if (w + cw > budget) break;
    w += cw;
    end += ch.length;
  }
  return s.slice(0, end) + '…';
}

/** Pad s with spaces to width columns: after it, or before it when right. */
export function padToWidth(s: string, width: number, right = false): string {
  const gap = width - displayWidth(s);
  if (gap <= 0) return s;
  return right ? ' '.repeat(gap) + s : s + ' '.repeat(gap);
}

/** s cut into lines of at most `width` columns (at least one character a
 * line), for text that wraps: after a space when one is in the second half
 * of the line, else where the width ends; joined, the lines give s back. */
export function wrapToWidth(s: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  if (PRINTABLE_ASCII.test(s)) {
    let i = 0;
    while (s.length - i > w) {
      const space = s.lastIndexOf(' ', i + w - 1);
      const end = space >= i + w / 2 ? space + 1 : i + w;
      out.push(s.slice(i, end));
      i = end;
    }
    out.push(s.slice(i));
    return out;
  }
  let line = '';
  let lw = 0;
  let cut = -1; // just after the line's last space, and its width there
  let cutW = 0;
  for (const [ch, cw] of measured(s)) {
    if (lw + cw > w && line !== '') {
      const atSpace = cut > 0 && cutW >= w / 2;
      out.push(atSpace ? line.slice(0, cut) : line);
      line = atSpace ? line.slice(cut) : '';
      lw = atSpace ? lw - cutW : 0;
      cut = -1;
    }
    line += ch;
    lw += cw;
    if (ch === ' ') {
      cut = line.length;
      cutW = lw;
    }
  }
  out.push(line);
  return out;
}
