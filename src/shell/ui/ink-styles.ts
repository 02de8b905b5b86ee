// The styles, parsed lines and widths of src/shell/ui/ink-output.ts, kept
// across frames. A style is a reduced list of ANSI codes exactly as
// @alcalzone/ansi-tokenize (Ink's tokenizer) builds it, interned to a number;
// the codes that lead from one style to another are computed once by the
// tokenizer's own diff and kept as a string.
import { diffAnsiCodes, reduceAnsiCodesIncremental, styledCharsFromTokens, tokenize, type AnsiCode } from '@alcalzone/ansi-tokenize';
import { displayWidth } from '../../kit/width.js';

/** A line as cells: each one's text (a grapheme), style id and columns (at least 1). */
export type ParsedLine = { values: string[]; styles: Int32Array; widths: Uint8Array };
type Cells = { values: string[]; styles: number[]; widths: number[] };

/** ~2 KB a parsed line of 160 cells: at most ~10 MB of lines kept. */
const MAX_LINES = 4_000;
const MAX_STYLES = 4_096;

const styleIds = new Map<string, number>([['', 0]]);
let styleCodes: AnsiCode[][] = [[]];
/** style id → (one SGR code → the style id after it) */
let afterCode: Map<string, number>[] = [new Map()];
const transitions = new Map<number, string>();
const lines = new Map<string, ParsedLine>();
const widths = new Map<string, number>();
const blockWidths = new Map<string, number>();
const slices = new Map<string, string>();
const codeTokens = new Map<string, AnsiCode>();

/** Empties the caches when they have grown past their bounds; called when no
 * style id is in use (at the start of a frame). */
export function trimCaches(): void {
  if (lines.size > MAX_LINES || slices.size + widths.size + blockWidths.size > MAX_LINES * 4 || styleCodes.length > MAX_STYLES) {
    lines.clear();
    slices.clear();
    widths.clear();
    blockWidths.clear();
  }
  if (styleCodes.length > MAX_STYLES) {
    styleIds.clear();
    styleIds.set('', 0);
    styleCodes = [[]];
    afterCode = [new Map()];
    transitions.clear();
  }
}

function intern(codes: AnsiCode[]): number {
  let key = '';
  for (const c of codes) key += c.code + '\u0001' + c.endCode + '\u0002';
  let id = styleIds.get(key);
  if (id === undefined) {
    id = styleCodes.length;
    styleIds.set(key, id);
    styleCodes.push(codes);
    afterCode.push(new Map());
  }
  return id;
}

/** The characters written between a cell of style `from` and one of style
 * `to` (from 0: the opening codes; to 0: the closing ones). */
export function transition(from: number, to: number): string {
  if (from === to) return '';
  const key = from * 0x4000000 + to;
  let text = transitions.get(key);
  if (text === undefined) {
    text = [...new Set(diffAnsiCodes(styleCodes[from]!, styleCodes[to]!).map((c) => c.code))].join('');
    transitions.set(key, text);
  }
  return text;
}

/** The style after one individual SGR code (`\x1b[31m`), as the tokenizer reduces it. */
function applyCode(style: number, code: string): number {
  const known = afterCode[style]!.get(code);
  if (known !== undefined) return known;
  let token = codeTokens.get(code);
  if (token === undefined) {
    const t = tokenize(code)[0];
    if (t?.type !== 'ansi' || t.code !== code) throw new Error(`ink-output: ${JSON.stringify(code)} is not one ANSI code`);
    token = t;
    codeTokens.set(code, token);
  }
  const next = intern(reduceAnsiCodesIncremental(styleCodes[style]!, [token]));
  afterCode[style]!.set(code, next);
  return next;
}

/** The style after an SGR sequence's parameters (`1;38;5;200`), split into
 * individual codes as the tokenizer splits them (256-colour and truecolour
 * codes kept whole). */
function applySgr(style: number, params: string): number {
  if (!params.includes(';')) return applyCode(style, `\x1b[${params}m`);
  const parts = params.split(';');
  for (let i = 0; i < parts.length; i++) {
    let code = parts[i]!;
    if (code === '38' || code === '48') {
      if (i + 2 < parts.length && parts[i + 1] === '5') {
        code = parts.slice(i, i + 3).join(';');
        i += 2;
      } else if (i + 4 < parts.length && parts[i + 1] === '2') {
        code = parts.slice(i, i + 5).join(';');
        i += 4;
      }
    }
    style = applyCode(style, `\x1b[${code}m`);
  }
  return style;
}

/** The end of the SGR sequence starting at `at` (ESC [ digits/; m), or -1. */
function sgrEnd(line: string, at: number): number {
  for (let i = at + 2; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x6d) return i;
    if (c !== 0x3b && (c < 0x30 || c > 0x39)) return -1;
  }
  return -1;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** One pass over text and SGR sequences; undefined at anything the
 * tokenizer may read otherwise (other escapes, C0/C1 controls, a run of text
 * after a code that starts with a character that joins the code's `m` into
 * one grapheme: the tokenizer drops that grapheme). A run with non-ASCII
 * characters is cut into graphemes alone: next to an ESC (a control) the
 * whole line has a grapheme boundary too. */
function parseSimple(line: string): Cells | undefined {
  const parsed: Cells = { values: [], styles: [], widths: [] };
  let style = 0;
  let run = 0;
  let wide = false;
  for (let i = 0; i <= line.length; i++) {
    const c = i < line.length ? line.charCodeAt(i) : -1;
    if (c >= 0x20 && c <= 0x7e) continue;
    if (c >= 0xa0) {
      wide = true;
      continue;
    }
    if (c !== -1 && (c !== 0x1b || line.charCodeAt(i + 1) !== 0x5b)) return undefined;
    if (i > run && !pushRun(parsed, line.slice(run, i), style, wide, run > 0)) return undefined;
    if (c === -1) break;
    const end = sgrEnd(line, i);
    if (end < 0) return undefined;
    style = applySgr(style, line.slice(i + 2, end));
    i = end;
    run = end + 1;
    wide = false;
  }
  return parsed;
}

/** The cells of a run of text; false when its first character would join
 * the `m` of the code before it (afterCode) into one grapheme. */
function pushRun(parsed: Cells, text: string, style: number, wide: boolean, afterCode: boolean): boolean {
  if (!wide) {
    for (let k = 0; k < text.length; k++) {
      parsed.values.push(text[k]!);
      parsed.styles.push(style);
      parsed.widths.push(1);
    }
    return true;
  }
  let skip = afterCode && text.charCodeAt(0) >= 0x80;
  for (const { segment } of graphemes.segment(skip ? 'm' + text : text)) {
    if (skip) {
      if (segment !== 'm') return false;
      skip = false;
      continue;
    }
    parsed.values.push(segment);
    parsed.styles.push(style);
    parsed.widths.push(Math.max(1, cachedWidth(segment)));
  }
  return true;
}

/** Any line, through the tokenizer (graphemes, links, unknown escapes). */
function parseTokenized(line: string): Cells {
  const values: string[] = [];
  const styles: number[] = [];
  const cols: number[] = [];
  for (const ch of styledCharsFromTokens(tokenize(line))) {
    values.push(ch.value);
    styles.push(intern(ch.styles));
    cols.push(Math.max(1, cachedWidth(ch.value)));
  }
  return { values, styles, widths: cols };
}

export function parseLine(line: string): ParsedLine {
  let parsed = lines.get(line);
  if (parsed === undefined) {
    const cells = parseSimple(line) ?? parseTokenized(line);
    parsed = { values: cells.values, styles: Int32Array.from(cells.styles), widths: Uint8Array.from(cells.widths) };
    lines.set(line, parsed);
  }
  return parsed;
}

// Escape sequences, as Ink's measure of text (string-width, in the bundle
// scripts/stubs/string-width.js) strips them before measuring: OSC strings,
// other control strings, CSI sequences, and the short escapes.
const ST = '(?:\\u001B\\\\|\\u009C)';
const STOP = '\\u0018\\u001A\\u001B\\u0080-\\u009F';
const ESCAPES = new RegExp(
  [
    `\\u001B\\](?:P[0-9A-Fa-f]{7}|R)(?:\\u0007|${ST})?`,
    `(?:\\u001B\\]|\\u009D)[^\\u0007${STOP}]*(?:\\u0007|${ST})`,
    `(?:\\u001B[PX^_k]|[\\u0090\\u0098\\u009E\\u009F])[^${STOP}]*${ST}`,
    '(?:\\u001B\\[|\\u009B)[\\u0030-\\u003F]*[\\u0020-\\u002F]*[\\u0040-\\u007E]',
    '\\u001B(?:[\\u0020-\\u002F]+[\\u0030-\\u007E]|[0-9A-PR-TZcf-oq-uy=><~|}])',
  ].join('|'),
  'g',
);

/** Columns of text without its escape sequences, remembered. */
export function cachedWidth(text: string): number {
  let w = widths.get(text);
  if (w === undefined) {
    const plain = text.includes('\u001B') || text.includes('\u009B') ? text.replace(ESCAPES, '') : text;
    w = plain.length === 0 ? 0 : displayWidth(plain);
    widths.set(text, w);
  }
  return w;
}

/** Columns of the widest line of text, remembered. */
export function widestLine(text: string): number {
  let w = blockWidths.get(text);
  if (w === undefined) {
    w = 0;
    for (const line of text.split('\n')) w = Math.max(w, cachedWidth(line));
    blockWidths.set(text, w);
  }
  return w;
}

/** slice(line, from, to), remembered. */
export function cacheSlice(line: string, from: number, to: number, slice: (s: string, a: number, b: number) => string): string {
  const key = `${from},${to},${line}`;
  let s = slices.get(key);
  if (s === undefined) {
    s = slice(line, from, to);
    slices.set(key, s);
  }
  return s;
}
