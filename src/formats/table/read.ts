// Text tables read back into records: the bordered styles (grid, outline,
// psql, pretty and their box-drawing kin: fancy, rounded, simple, heavy,
// mixed, double), pipe tables (github, pipe, orgtbl), simple and rst tables
// (columns under runs of - or =), presto, and HTML tables (held until
// </table>; the first row of <th> cells is the header). Several tables may follow one
// another; lines outside tables are skipped.
//
// A row's cells are cut at the columns where the table's rule line has its
// junctions (display columns, so CJK text lines up), or, when the row does
// not line up with them (a hand-written table), split at its bars. A cell's
// text is trimmed: empty is null; a JSON number, true, false or null (and
// Python's True/False) is that value; anything else a string. In a bordered
// table whose rows are separated by rules (grid), the lines of a row are one
// record, each cell's lines joined by spaces; without rules between rows
// (psql, outline), each line is a record; such a table is held until its
// closing rule, any other table is streamed row by row.
import { displayWidth } from '../../kit/width.js';
import { headerKeys, isTypedNumber } from '../csv/typing.js';

const BAR = /[|│┃║]/;
const BARS = /[|│┃║]/g;
// A rule line: junctions and fills only, no blanks.
const RULE = /^[+|:=\-─━═├┝┣╞╠┤┥┫╡╣┼┿╋╪╬╭╮╰╯┌┐└┘┍┑┕┙┏┓┗┛╒╕╘╛╔╗╚╝┬┴┯┷┳┻╤╧╦╩]+$/;
const FILL = /[=\-─━═]/;
const JUNCTION = /[+|├┝┣╞╠┤┥┫╡╣┼┿╋╪╬╭╮╰╯┌┐└┘┍┑┕┙┏┓┗┛╒╕╘╛╔╗╚╝┬┴┯┷┳┻╤╧╦╩]/;
const DASH_RULE = /^ *[-=]+(?: +[-=]+)*$/; // simple, rst
const PRESTO_RULE = /^-+(?:\+-+)+$/;

/** [start, end) display columns of each cell between junctions. */
type Spans = [number, number][];

function isRule(line: string): boolean {
  return RULE.test(line) && FILL.test(line);
}

/** The spans between the junctions of a rule line (bordered, pipe, presto). */
function junctionSpans(rule: string, edges: boolean): Spans {
  const cuts: number[] = [];
  let col = 0;
  for (const ch of rule) {
    if (JUNCTION.test(ch)) cuts.push(col);
    col += displayWidth(ch);
  }
  if (!edges) {
    cuts.unshift(-1);
    cuts.push(col);
  }
  const spans: Spans = [];
  for (let i = 1; i < cuts.length; i++) spans.push([cuts[i - 1] + 1, cuts[i]]);
  return spans;
}

/** The runs of - or = of a simple/rst rule line. */
function runSpans(rule: string): Spans {
  const spans: Spans = [];
  for (const m of rule.matchAll(/[-=]+/g)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

function sameSpans(a: Spans, b: Spans): boolean {
  return a.length === b.length && a.every(([s, e], k) => s === b[k][0] && e === b[k][1]);
}

/** The line cut at display columns: the text of each span, and whether
 * the character just after each span (the separator) is a bar. */
function cutAt(line: string, spans: Spans): { cells: string[]; barsAligned: boolean; width: number } {
  const cells = spans.map(() => '');
  let aligned = true;
  let col = 0;
  let k = 0;
  for (const ch of line) {
    while (k < spans.length && col >= spans[k][1]) {
      if (col === spans[k][1] && !BAR.test(ch) && k < spans.length - 1) aligned = false;
      k++;
    }
    if (k < spans.length && col >= spans[k][0]) cells[k] += ch;
    col += displayWidth(ch);
  }
  return { cells, barsAligned: aligned, width: col };
}

/** The cells of a bordered or pipe row: cut at the rule's columns when the
 * row's bars line up with them, else split at its bars. */
function barCells(line: string, spans: Spans, edges: boolean): string[] {
  const cut = cutAt(line, spans);
  const last = spans[spans.length - 1];
  if (cut.barsAligned && (!edges || (last !== undefined && cut.width === last[1] + 1))) return cut.cells;
  const parts = line.split(BARS);
  return edges ? parts.slice(1, -1) : parts;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The text of an HTML cell: tags dropped, entities decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

/** The JSON text of a cell. */
function cellJson(text: string): string {
  const t = text.trim();
  if (t === '' || t === 'null') return 'null';
  if (t === 'true' || t === 'True') return 'true';
  if (t === 'false' || t === 'False') return 'false';
  if (isTypedNumber(t)) return t;
  return JSON.stringify(t);
}

type Kind = 'bordered' | 'pipe' | 'simple' | 'presto' | 'html';

interface Table {
  kind: Kind;
  spans: Spans;
  keys?: string[]; // JSON-quoted, with ':'
  header: string[][]; // header lines' cells (bordered: until the header rule); html: the table's lines
  block: string[][]; // bordered: the lines of the rows since the last rule
  ruleSeen: boolean; // bordered: a rule after data lines, not yet known inner or closing
  grid: boolean; // bordered: rules between rows
  rst: boolean;
}

export class TableReader {
  private table: Table | undefined;
  private pending: string | undefined; // a line that may be a header (simple, presto)

  constructor(private readonly emit: (json: string) => void) {}

  line(text: string): void {
    const line = text.replace(/\r$/, '');
    if (this.table && this.continues(this.table, line)) return;
    this.table = undefined;
    this.start(line);
  }

  end(): void {
    if (this.table) this.close(this.table);
    this.table = undefined;
    this.pending = undefined;
  }

  private setKeys(t: Table, names: string[]): void {
    t.keys = headerKeys(names.map((n) => n.trim())).map((k) => JSON.stringify(k) + ':');
  }

  private record(t: Table, cells: string[]): void {
    if (!t.keys) {
      this.setKeys(t, cells.map(() => ''));
    }
    const keys = t.keys!;
    const parts = keys.map((key, k) => {
      let v = cellJson(cells[k] ?? '');
      if (t.rst && k === 0 && (cells[k] ?? '').trim() === '..') v = 'null';
      return key + v;
    });
    this.emit(`{${parts.join(',')}}\n`);
  }

  private open(kind: Kind, spans: Spans): Table {
    const t: Table = { kind, spans, header: [], block: [], ruleSeen: false, grid: false, rst: false };
    this.table = t;
    return t;
  }

  private start(line: string): void {
    const prev = this.pending;
    this.pending = undefined;
    const trimmed = line.trim();
    if (trimmed === '') return;
    const html = line.search(/<table\b/i);
    if (html >= 0) {
      const t = this.open('html', []);
      t.header.push([line.slice(html)]);
      if (/<\/table>/i.test(line)) this.htmlTable(t);
      return;
    }
    if (isRule(line) && !line.startsWith('|') && /^[+╒┌╭┏┍╔]/.test(line)) {
      this.open('bordered', junctionSpans(line, true));
      return;
    }
    if (prev !== undefined && !line.startsWith('|') && DASH_RULE.test(line) && !/^ *-+ *$/.test(prev)) {
      const t = this.open('simple', runSpans(line));
      this.setKeys(t, cutAt(prev, t.spans).cells);
      return;
    }
    if (prev !== undefined && PRESTO_RULE.test(line)) {
      const t = this.open('presto', junctionSpans(line, false));
      this.setKeys(t, barCells(prev, t.spans, false));
      return;
    }
    if (prev !== undefined && prev.startsWith('|') && line.startsWith('|') && /^\|[-:|+ ]+\|$/.test(line) && line.includes('-')) {
      const t = this.open('pipe', junctionSpans(line, true));
      this.setKeys(t, barCells(prev, t.spans, true));
      return;
    }
    if (DASH_RULE.test(line)) {
      const t = this.open('simple', runSpans(line));
      t.rst = true; // a rule first: rst, or simple without a header
      return;
    }
    this.pending = line;
  }

  /** Feed a line to the open table; false when the line is not part of it. */
  private continues(t: Table, line: string): boolean {
    switch (t.kind) {
      case 'pipe':
        if (!line.startsWith('|')) return this.close(t);
        this.record(t, barCells(line, t.spans, true));
        return true;
      case 'presto':
        if (!BAR.test(line)) return this.close(t); // a line without a bar ends it: psql's own "(2 rows)" too
        this.record(t, barCells(line, t.spans, false));
        return true;
      case 'simple':
        return this.simpleLine(t, line);
      case 'bordered':
        return this.borderedLine(t, line);
      case 'html':
        t.header.push([line]);
        if (/<\/table>/i.test(line)) this.htmlTable(t);
        return true;
    }
  }

  /** An HTML table (held until </table>): its <tr> rows, the first of <th>
   * cells the header. */
  private htmlTable(t: Table): void {
    const html = t.header.map((l) => l[0]).join('\n');
    this.table = undefined;
    for (const tr of html.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)) {
      const cells = [...tr[1].matchAll(/<(t[hd])\b[^>]*>([\s\S]*?)<\/\1>/gi)];
      const texts = cells.map((c) => htmlText(c[2]));
      if (!t.keys && cells.length && cells.every((c) => c[1].toLowerCase() === 'th')) this.setKeys(t, texts);
      else this.record(t, texts);
    }
  }

  private simpleLine(t: Table, line: string): boolean {
    if (line.trim() === '') return this.close(t);
    if (DASH_RULE.test(line) && sameSpans(runSpans(line), t.spans)) {
      // rst: the rule under the header; otherwise the closing rule
      if (t.rst && t.header.length === 1 && !t.keys) {
        this.setKeys(t, t.header[0]);
        t.header = [];
        return true;
      }
      for (const row of t.header) this.record(t, row);
      t.header = [];
      this.close(t);
      this.table = undefined;
      return true;
    }
    const cells = cutAt(line, t.spans).cells;
    if (t.rst && !t.keys) {
      // after a first rule: held until we know if it is an rst header
      if (t.header.length === 1) {
        this.record(t, t.header[0]);
        t.header = [];
        this.record(t, cells);
      } else t.header.push(cells);
      return true;
    }
    this.record(t, cells);
    return true;
  }

  private borderedLine(t: Table, line: string): boolean {
    if (isRule(line)) {
      if (!t.keys) {
        // the rule under the header: the header's lines joined per column
        const names = t.spans.map((_, k) =>
          t.header
            .map((l) => (l[k] ?? '').trim())
            .filter((s) => s !== '')
            .join(' '),
        );
        this.setKeys(t, names);
      } else if (t.grid && t.block.length) {
        this.joined(t, t.block);
        t.block = [];
      } else if (t.block.length) t.ruleSeen = true;
      return true;
    }
    if (!BAR.test(line[0] ?? '')) return this.close(t);
    const cells = barCells(line, t.spans, true);
    if (!t.keys) {
      t.header.push(cells);
      return true;
    }
    if (t.ruleSeen) {
      // that rule was between rows: a grid, whose rows may take several lines
      t.grid = true;
      t.ruleSeen = false;
      this.joined(t, t.block);
      t.block = [];
    }
    t.block.push(cells);
    return true;
  }

  private joined(t: Table, lines: string[][]): void {
    const cells = t.spans.map((_, k) =>
      lines
        .map((l) => (l[k] ?? '').trim())
        .filter((s) => s !== '')
        .join(' '),
    );
    this.record(t, cells);
  }

  private flushLines(t: Table): void {
    for (const cells of t.block) this.record(t, cells);
    t.block = [];
  }

  /** The end of a table: emit what it holds. Returns false (the line that
   * ended it belongs to no table yet). */
  private close(t: Table): boolean {
    if (t.kind === 'bordered' && t.block.length) {
      if (t.grid) this.joined(t, t.block);
      else this.flushLines(t);
      t.block = [];
    }
    if (t.kind === 'simple' && t.header.length) {
      for (const row of t.header) this.record(t, row);
      t.header = [];
    }
    return false;
  }
}
