// A Markdown document as records and back, pure logic (front.ts cuts the
// front matter, markdown.ts does the pipe tables).
//
// read (the shapes of the original JN's markdown plugin):
// - document: `{"type":"frontmatter", ...}` when there is front matter, then
//   `{"type":"content","content":"..."}`, the text after it (blank lines at
//   its start and end dropped).
// - sections: the front matter record, then the body cut at headings and
//   fenced code: `{"type":"heading","level":2,"text":"..."}`,
//   `{"type":"code","language":"js","content":"..."}` and, for the lines
//   between them, `{"type":"text","content":"..."}` (blank lines at its start
//   and end dropped; nothing for blank lines only).
// - auto (the default): document, except that a document without front
//   matter that is nothing but one pipe table (what `jn put x.md` writes for
//   plain records) gives the table's rows, as `tables` does.
// An empty document (blanks only) gives nothing.
//
// write: when any record has one of the shapes above (frontmatter: `type`
// "frontmatter"; content/text: exactly `type` and a string `content`;
// heading: exactly `type`, an integer `level` 1-6 and a string `text`; code:
// exactly `type`, a string `language` and a string `content`), a document:
// the front matter records' fields merged (later ones win) as a YAML block,
// then each other record in order, separated by a blank line; a run of
// records of no such shape is written as one pipe table. Otherwise (plain
// records), one pipe table, as before.
import { expectObject } from '../../kit/records.js';
import { JsonNumber, stringifyLossless } from '../../kit/lossless.js';
import { frontMatterBlock, splitFrontMatter } from './front.js';
import { MarkdownTableReader, MarkdownTableWriter, isPipeTable } from './markdown.js';

export type ReadMode = 'auto' | 'document' | 'sections';

/** A body's text without the blank lines at its start and end. */
function trimBlankLines(s: string): string {
  return s.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/(?:\r?\n[ \t]*)+$/, '').replace(/^[ \t]+$/, '');
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;

/** The section records of a body (see the header). */
function sections(body: string, emit: (json: string) => void): void {
  let text: string[] = [];
  const flushText = (): void => {
    const content = trimBlankLines(text.join('\n'));
    if (content !== '') emit(JSON.stringify({ type: 'text', content }));
    text = [];
  };
  const lines = body.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = FENCE_OPEN.exec(line);
    if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
      flushText();
      const mark = fence[1];
      const code: string[] = [];
      for (i++; i < lines.length; i++) {
        const end = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[i]);
        if (end && end[1][0] === mark[0] && end[1].length >= mark.length) break;
        code.push(lines[i]);
      }
      emit(JSON.stringify({ type: 'code', language: fence[2].trim(), content: code.join('\n') }));
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flushText();
      emit(JSON.stringify({ type: 'heading', level: heading[1].length, text: heading[2] ?? '' }));
      continue;
    }
    text.push(line);
  }
  flushText();
}

/** The records of a whole document (front matter and body) in mode. */
export function documentRecords(text: string, mode: ReadMode, emit: (json: string) => void): void {
  const { front, body } = splitFrontMatter(text);
  if (front === undefined && mode === 'auto') {
    const lines = trimBlankLines(body).split(/\r?\n/);
    if (isPipeTable(lines)) {
      const reader = new MarkdownTableReader((line) => emit(line.slice(0, -1)));
      lines.forEach((line, i) => reader.line(line, i + 1));
      return;
    }
  }
  if (front !== undefined) emit(front);
  if (mode === 'sections') return sections(body, emit);
  const content = trimBlankLines(body);
  if (front !== undefined || content !== '') emit(stringifyLossless(new Map([['type', 'content'], ['content', content]])));
}

// ----------------------------------------------------------------- writer

type Part = { kind: 'front'; fields: Map<string, unknown> } | { kind: 'text'; text: string } | { kind: 'row'; value: unknown };

const entriesOf = (v: object): [string, unknown][] => (v instanceof Map ? [...(v as Map<string, unknown>)] : Object.entries(v));

const isInt = (v: unknown): boolean => (typeof v === 'number' && Number.isInteger(v)) || (v instanceof JsonNumber && /^\d+$/.test(v.text));

/** The longest run of a fence character opening a line of s, plus one (at least 3). */
function fenceFor(s: string): string {
  let n = 3;
  for (const m of s.matchAll(/^ {0,3}(`{3,})/gm)) n = Math.max(n, m[1].length + 1);
  return '`'.repeat(n);
}

/** The part a record is in a document (see the header). */
function partOf(value: object): Part {
  const entries = entriesOf(value);
  const get = new Map(entries);
  const type = get.get('type');
  const keys = entries.map(([k]) => k).sort().join(',');
  if (type === 'frontmatter') return { kind: 'front', fields: new Map(entries.filter(([k]) => k !== 'type')) };
  const content = get.get('content');
  if ((type === 'content' || type === 'text') && keys === 'content,type' && typeof content === 'string') return { kind: 'text', text: content };
  const text = get.get('text');
  const level = get.get('level');
  if (type === 'heading' && keys === 'level,text,type' && typeof text === 'string' && isInt(level) && Number(level) >= 1 && Number(level) <= 6) {
    return { kind: 'text', text: '#'.repeat(Number(level)) + (text === '' ? '' : ' ' + text) };
  }
  const language = get.get('language');
  if (type === 'code' && keys === 'content,language,type' && typeof language === 'string' && typeof content === 'string') {
    const fence = fenceFor(content);
    return { kind: 'text', text: `${fence}${language}\n${content === '' ? '' : content + '\n'}${fence}` };
  }
  return { kind: 'row', value };
}

/** Collects records; writes a document or, for plain records, one pipe table. */
export class MarkdownWriter {
  private parts: Part[] = [];
  private document = false;

  add(value: unknown, lineNo: number): void {
    expectObject(value, lineNo);
    const part = partOf(value);
    if (part.kind !== 'row') this.document = true;
    this.parts.push(part);
  }

  finish(): string {
    const parts = this.parts;
    this.parts = [];
    if (!this.document) {
      const table = new MarkdownTableWriter();
      parts.forEach((p, i) => table.add((p as { value: unknown }).value, i + 1));
      return table.finish();
    }
    const fields = new Map<string, unknown>();
    const blocks: string[] = [];
    let table: MarkdownTableWriter | undefined;
    const endTable = (): void => {
      if (table) blocks.push(table.finish().replace(/\n$/, ''));
      table = undefined;
    };
    for (const p of parts) {
      if (p.kind === 'row') (table ??= new MarkdownTableWriter()).add(p.value, 0);
      else endTable();
      if (p.kind === 'front') for (const [k, v] of p.fields) fields.set(k, v);
      else if (p.kind === 'text') blocks.push(p.text);
    }
    endTable();
    const front = frontMatterBlock(fields);
    const body = blocks.join('\n\n');
    if (body === '') return front;
    return front + (front ? '\n' : '') + body + '\n';
  }
}
