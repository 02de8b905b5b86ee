// Ink's Output (ink/build/output.js), the grid that one frame's writes are
// drawn into and serialized from, with the same output byte for byte and a
// fraction of its cost. scripts/build.mjs makes Ink's renderer import this
// class in the bundle; docs/performance.md ("Ink's Output") says why.
//
// Ink turns every cell into an object holding an array of ANSI codes and
// serializes each line by diffing the arrays of neighbouring cells. Here a
// cell is a string in a row array plus a style id (an interned reduced list of
// codes, src/shell/ui/ink-styles.ts): two neighbours with the same id cost a
// comparison, and the codes between two ids are computed once. Lines are
// parsed once per distinct text (across frames: Ink builds a new Output, and
// its caches, every frame), with a one-pass parser for the usual text
// (printable ASCII and SGR codes) and ansi-tokenize, as Ink, for the rest.
import sliceAnsi from 'slice-ansi';
import { cacheSlice, cachedWidth, parseLine, transition, trimCaches, widestLine, type ParsedLine } from './ink-styles.js';

type Transformer = (line: string, index: number) => string;
type Clip = { x1?: number; x2?: number; y1?: number; y2?: number };
type Operation = { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] } | { type: 'clip'; clip: Clip } | { type: 'unclip' };

export default class Output {
  width: number;
  height: number;
  private readonly operations: Operation[] = [];

  constructor(options: { width: number; height: number }) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void {
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers: options.transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    trimCaches();
    const values: string[][] = [];
    const styles: number[][] = [];
    for (let y = 0; y < this.height; y++) {
      values.push(new Array<string>(this.width).fill(' '));
      styles.push(new Array<number>(this.width).fill(0));
    }
    const clips: Clip[] = [];
    for (const op of this.operations) {
      if (op.type === 'clip') clips.push(op.clip);
      else if (op.type === 'unclip') clips.pop();
      else {
        const placed = place(op, clips.at(-1));
        if (placed) draw(values, styles, placed.x, placed.y, placed.lines, op.transformers);
      }
    }
    let output = '';
    for (let y = 0; y < values.length; y++) {
      if (y > 0) output += '\n';
      output += serialize(values[y]!, styles[y]!);
    }
    return { output, height: values.length };
  }
}

/** Where a write lands and its lines once clipped (as Ink clips), or
 * undefined when it lies outside the clip. */
function place(op: { x: number; y: number; text: string }, clip: Clip | undefined): { x: number; y: number; lines: string[] } | undefined {
  let { x, y } = op;
  let lines = op.text.split('\n');
  if (!clip) return { x, y, lines };
  const horizontal = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
  const vertical = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
  if (horizontal) {
    const width = widestLine(op.text);
    if (x + width < clip.x1! || x > clip.x2!) return undefined;
  }
  if (vertical && (y + lines.length < clip.y1! || y > clip.y2!)) return undefined;
  if (horizontal) {
    const x1 = clip.x1!;
    const x2 = clip.x2!;
    const from = x < x1 ? x1 - x : 0;
    lines = lines.map((line) => {
      const width = cachedWidth(line);
      const to = x + width > x2 ? x2 - x : width;
      return cacheSlice(line, from, to, sliceAnsi);
    });
    if (x < x1) x = x1;
  }
  if (vertical) {
    const y1 = clip.y1!;
    const y2 = clip.y2!;
    const from = y < y1 ? y1 - y : 0;
    const to = y + lines.length > y2 ? y2 - y : lines.length;
    lines = lines.slice(from, to);
    if (y < y1) y = y1;
  }
  return { x, y, lines };
}

/** Ink's drawing of lines into the rows: a row that does not exist (above,
 * below, or at a fractional y) ends the drawing of the lines, rows grow past
 * the width, and a wide character's further cells hold '' in its style. */
function draw(values: string[][], styles: number[][], x: number, y: number, lines: string[], transformers: Transformer[]): void {
  let offsetY = 0;
  for (let index = 0; index < lines.length; index++) {
    const rowValues = values[y + offsetY];
    if (!rowValues) continue;
    const rowStyles = styles[y + offsetY]!;
    let line = lines[index]!;
    for (const transformer of transformers) line = transformer(line, index);
    const parsed: ParsedLine = parseLine(line);
    let at = x;
    for (let k = 0; k < parsed.values.length; k++) {
      const id = parsed.styles[k]!;
      rowValues[at] = parsed.values[k]!;
      rowStyles[at] = id;
      const width = parsed.widths[k]!;
      for (let i = 1; i < width; i++) {
        rowValues[at + i] = '';
        rowStyles[at + i] = id;
      }
      at += width;
    }
    offsetY++;
  }
}

/** One row as Ink's styledCharsToString writes it (codes between cells of
 * different styles, the closing codes after the last), without its trailing
 * white space. Holes (cells never written past the width) are skipped. */
function serialize(values: string[], styles: number[]): string {
  let out = '';
  let prev = -1;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === undefined) continue;
    const id = styles[i]!;
    if (id !== prev) out += transition(prev < 0 ? 0 : prev, id);
    out += value;
    prev = id;
  }
  if (prev > 0) out += transition(prev, 0);
  return out.trimEnd();
}
