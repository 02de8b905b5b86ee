// The table styles of Python's tabulate, as data: each style's lines (above
// the table, below the header, between rows, below the table), its header
// and data rows, the padding around cells, and which lines a table with a
// header leaves out. Lines and rows are [begin, fill, sep, end] and
// [begin, sep, end], or functions for the markup styles.

export type Align = 'left' | 'right' | 'center' | 'decimal';

type Line = readonly [begin: string, fill: string, sep: string, end: string];
type LineFn = (widths: number[], aligns: Align[]) => string;
type Row = readonly [begin: string, sep: string, end: string];
type RowFn = (cells: string[], widths: number[], aligns: Align[]) => string;

export interface Style {
  above?: Line | LineFn;
  belowHeader?: Line | LineFn;
  between?: Line;
  below?: Line | LineFn;
  header: Row | RowFn;
  row: Row | RowFn;
  padding: number;
  /** Lines left out when the table has a header. */
  hide?: ('above' | 'below')[];
  /** Cells with line breaks take several lines (otherwise breaks are shown as \n). */
  multiline: boolean;
}

/** Cells joined as a row, trailing blanks removed. */
function simpleRow(cells: string[], [begin, sep, end]: Row): string {
  return (begin + cells.join(sep) + end).trimEnd();
}

export function buildLine(line: Line | LineFn, widths: number[], aligns: Align[]): string {
  if (typeof line === 'function') return line(widths, aligns);
  const [begin, fill, sep, end] = line;
  return simpleRow(
    widths.map((w) => fill.repeat(w)),
    [begin, sep, end],
  );
}

export function buildRow(row: Row | RowFn, cells: string[], widths: number[], aligns: Align[]): string {
  return typeof row === 'function' ? row(cells, widths, aligns) : simpleRow(cells, row);
}

function pipeLine(widths: number[], aligns: Align[]): string {
  const seg = (w: number, a: Align): string => {
    if (a === 'right' || a === 'decimal') return '-'.repeat(w - 1) + ':';
    if (a === 'center') return ':' + '-'.repeat(w - 2) + ':';
    return ':' + '-'.repeat(w - 1);
  };
  return '|' + widths.map((w, k) => seg(w, aligns[k])).join('|') + '|';
}

const RIGHT_CSS = 'style="text-align: right;"';
const CENTER_CSS = 'style="text-align: center;"';
function css(a: Align): string {
  return a === 'right' || a === 'decimal' ? RIGHT_CSS : a === 'center' ? CENTER_CSS : '';
}

function mediawikiRow(sep: string): RowFn {
  return (cells, _w, aligns) => {
    const values = cells.map((c, k) => ' ' + (css(aligns[k]) ? css(aligns[k]) + '| ' : '') + c + ' ');
    return (sep + values.join(sep + sep)).trimEnd();
  };
}

function moinRow(header: string): RowFn {
  return (cells, _w, aligns) => cells.map((c, k) => `||${css(aligns[k]) ? `<${css(aligns[k])}>` : ''} ${header}${c}${header} `).join('') + '||';
}

function textileRow(cells: string[], _w: number[], aligns: Align[]): string {
  const marks: Record<Align, string> = { left: '<.', right: '>.', center: '=.', decimal: '>.' };
  return '|' + cells.map((c, k) => marks[aligns[k]] + (k === 0 ? c + ' ' : c)).join('|') + '|';
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
function htmlRow(tag: 'th' | 'td', unsafe: boolean): RowFn {
  return (cells, _w, aligns) => {
    const values = cells.map((c, k) => {
      const style = css(aligns[k]) ? ' ' + css(aligns[k]) : '';
      return `<${tag}${style}>${unsafe ? c : c.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch])}</${tag}>`;
    });
    const row = `<tr>${values.join('').trimEnd()}</tr>`;
    return tag === 'th' ? `<table>\n<thead>\n${row}\n</thead>\n<tbody>` : row;
  };
}

const LATEX_ESCAPES: Record<string, string> = {
  '&': '\\&', '%': '\\%', $: '\\$', '#': '\\#', _: '\\_', '^': '\\^{}', '{': '\\{', '}': '\\}',
  '~': '\\textasciitilde{}', '\\': '\\textbackslash{}', '<': '\\ensuremath{<}', '>': '\\ensuremath{>}',
};
function latexRow(escape: boolean): RowFn {
  return (cells) => simpleRow(escape ? cells.map((c) => c.replace(/[&%$#_^{}~\\<>]/g, (ch) => LATEX_ESCAPES[ch])) : cells, ['', '&', '\\\\']);
}
function latexBegin(rule: string, env = 'tabular'): LineFn {
  const letter: Record<Align, string> = { left: 'l', right: 'r', center: 'c', decimal: 'r' };
  return (_w, aligns) => `\\begin{${env}}{${aligns.map((a) => letter[a]).join('')}}\n${rule}`;
}

const BAR: Row = ['|', '|', '|'];
const BOX: Row = ['│', '│', '│'];
const HEAVY: Row = ['┃', '┃', '┃'];
const DOUBLE: Row = ['║', '║', '║'];
const ASCII_RULE: Line = ['+', '-', '+', '+'];
const THIN: Line = ['├', '─', '┼', '┤'];

function boxed(above: Line, belowHeader: Line, between: Line | undefined, below: Line, row: Row): Style {
  return { above, belowHeader, between, below, header: row, row, padding: 1, multiline: true };
}

/** A grid style and its outline twin (no lines between rows). */
function gridAndOutline(name: string, above: Line, belowHeader: Line, between: Line, below: Line, row: Row): [string, Style][] {
  return [
    [`${name}_grid`, boxed(above, belowHeader, between, below, row)],
    [`${name}_outline`, boxed(above, belowHeader, undefined, below, row)],
  ];
}

const STYLE_LIST: [string, Style][] = [
  ['grid', boxed(ASCII_RULE, ['+', '=', '+', '+'], ASCII_RULE, ASCII_RULE, BAR)],
  ['outline', boxed(ASCII_RULE, ['+', '=', '+', '+'], undefined, ASCII_RULE, BAR)],
  ...gridAndOutline('simple', ['┌', '─', '┬', '┐'], THIN, THIN, ['└', '─', '┴', '┘'], BOX),
  ...gridAndOutline('rounded', ['╭', '─', '┬', '╮'], THIN, THIN, ['╰', '─', '┴', '╯'], BOX),
  ...gridAndOutline('heavy', ['┏', '━', '┳', '┓'], ['┣', '━', '╋', '┫'], ['┣', '━', '╋', '┫'], ['┗', '━', '┻', '┛'], HEAVY),
  ...gridAndOutline('mixed', ['┍', '━', '┯', '┑'], ['┝', '━', '┿', '┥'], THIN, ['┕', '━', '┷', '┙'], BOX),
  ...gridAndOutline('double', ['╔', '═', '╦', '╗'], ['╠', '═', '╬', '╣'], ['╠', '═', '╬', '╣'], ['╚', '═', '╩', '╝'], DOUBLE),
  ...gridAndOutline('fancy', ['╒', '═', '╤', '╕'], ['╞', '═', '╪', '╡'], THIN, ['╘', '═', '╧', '╛'], BOX),
  ['simple', { above: ['', '-', '  ', ''], belowHeader: ['', '-', '  ', ''], below: ['', '-', '  ', ''], header: ['', '  ', ''], row: ['', '  ', ''], padding: 0, hide: ['above', 'below'], multiline: true }],
  ['plain', { header: ['', '  ', ''], row: ['', '  ', ''], padding: 0, multiline: true }],
  ['github', { above: ['|', '-', '|', '|'], belowHeader: ['|', '-', '|', '|'], header: BAR, row: BAR, padding: 1, hide: ['above'], multiline: false }],
  ['pipe', { above: pipeLine, belowHeader: pipeLine, header: BAR, row: BAR, padding: 1, hide: ['above'], multiline: true }],
  ['orgtbl', { belowHeader: ['|', '-', '+', '|'], header: BAR, row: BAR, padding: 1, multiline: true }],
  ['jira', { header: ['||', '||', '||'], row: BAR, padding: 1, multiline: true }],
  ['presto', { belowHeader: ['', '-', '+', ''], header: ['', '|', ''], row: ['', '|', ''], padding: 1, multiline: true }],
  ['pretty', { above: ASCII_RULE, belowHeader: ASCII_RULE, below: ASCII_RULE, header: BAR, row: BAR, padding: 1, multiline: true }],
  ['psql', { above: ASCII_RULE, belowHeader: ['|', '-', '+', '|'], below: ASCII_RULE, header: BAR, row: BAR, padding: 1, multiline: true }],
  ['rst', { above: ['', '=', '  ', ''], belowHeader: ['', '=', '  ', ''], below: ['', '=', '  ', ''], header: ['', '  ', ''], row: ['', '  ', ''], padding: 0, multiline: true }],
  [
    'mediawiki',
    {
      above: ['{| class="wikitable" style="text-align: left;"', '', '', '\n|+ <!-- caption -->\n|-'],
      belowHeader: ['|-', '', '', ''],
      between: ['|-', '', '', ''],
      below: ['|}', '', '', ''],
      header: mediawikiRow('!'),
      row: mediawikiRow('|'),
      padding: 0,
      multiline: false,
    },
  ],
  ['moinmoin', { header: moinRow("'''"), row: moinRow(''), padding: 1, multiline: false }],
  ['youtrack', { header: ['|| ', ' || ', ' || '], row: ['| ', ' | ', ' |'], padding: 1, multiline: false }],
  ['html', { below: ['</tbody>\n</table>', '', '', ''], header: htmlRow('th', false), row: htmlRow('td', false), padding: 0, multiline: false }],
  ['unsafehtml', { below: ['</tbody>\n</table>', '', '', ''], header: htmlRow('th', true), row: htmlRow('td', true), padding: 0, multiline: false }],
  ['latex', { above: latexBegin('\\hline'), belowHeader: ['\\hline', '', '', ''], below: ['\\hline\n\\end{tabular}', '', '', ''], header: latexRow(true), row: latexRow(true), padding: 1, multiline: false }],
  ['latex_raw', { above: latexBegin('\\hline'), belowHeader: ['\\hline', '', '', ''], below: ['\\hline\n\\end{tabular}', '', '', ''], header: latexRow(false), row: latexRow(false), padding: 1, multiline: false }],
  ['latex_booktabs', { above: latexBegin('\\toprule'), belowHeader: ['\\midrule', '', '', ''], below: ['\\bottomrule\n\\end{tabular}', '', '', ''], header: latexRow(true), row: latexRow(true), padding: 1, multiline: false }],
  ['latex_longtable', { above: latexBegin('\\hline', 'longtable'), belowHeader: ['\\hline\n\\endhead', '', '', ''], below: ['\\hline\n\\end{longtable}', '', '', ''], header: latexRow(true), row: latexRow(true), padding: 1, multiline: false }],
  ['tsv', { header: ['', '\t', ''], row: ['', '\t', ''], padding: 0, multiline: false }],
  ['textile', { header: ['|_. ', '|_.', '|'], row: textileRow, padding: 1, multiline: false }],
];

export const STYLES: ReadonlyMap<string, Style> = new Map(STYLE_LIST);

/** The style names, sorted (as tabulate's tabulate_formats). */
export const STYLE_NAMES: readonly string[] = [...STYLES.keys()].sort();
