// Front matter of a Markdown document, pure logic: the block at the very
// start between `---` lines (YAML; `...` may close it too) or between `+++`
// lines (TOML), as Jekyll, Hugo and python-frontmatter read it.
//
// read: the block becomes one record `{"type":"frontmatter", ...fields}` (the
// shape of the original JN), the fields in their order, numbers with their
// text. A field of the document itself named `type` would hide the marker,
// so `type` comes out as `_type` (and `_type` as `__type`: one underscore
// more for any name of underscores then `type`); write undoes it.
// write: the fields of the front matter records (merged, later ones win) as
// a YAML block.
import { DataError } from '../../kit/sdk.js';
import { parseLossless, stringifyLossless, type Lossless } from '../../kit/lossless.js';
import { yamlDocument, yamlRecords } from '../yaml/yaml.js';
import { tomlTableJson } from '../toml/toml.js';

export interface Split {
  /** The front matter record's JSON text, when the document has a non-empty block. */
  front?: string;
  /** The text after the block (all of it when there is none). */
  body: string;
}

const TYPE_NAME = /^_*type$/;

/** The block's fields as a record: the type marker first. */
function frontRecord(json: string): string | undefined {
  const value = parseLossless(json) as Map<string, Lossless>;
  if (value.size === 0) return undefined;
  const out = new Map<string, Lossless>([['type', 'frontmatter']]);
  for (const [k, v] of value) out.set(TYPE_NAME.test(k) ? '_' + k : k, v);
  return stringifyLossless(out);
}

/** A parse error of the block, said as one of the front matter, its line
 * moved by offset (to the document's line). */
function frontError(err: unknown, format: string, offset: number): unknown {
  if (!(err instanceof DataError)) return err;
  const line = err.line === undefined ? undefined : err.line + offset;
  return new DataError(err.message.replace(`invalid ${format}`, `invalid ${format} front matter`), line, err.column);
}

/** The fields of a YAML block (line: the stream line of its first line),
 * or undefined when it is not a mapping (a paragraph between two thematic
 * breaks, a list): then it is no front matter. */
function yamlFields(text: string, line: number): string | undefined {
  const docs: string[] = [];
  try {
    yamlRecords(text, line, (json) => docs.push(json));
  } catch (err) {
    throw frontError(err, 'YAML', 0);
  }
  if (docs.length === 0) return '{}';
  return docs.length === 1 && docs[0].startsWith('{') ? docs[0] : undefined;
}

/** The fields of a TOML block; errors carry the document's line numbers. */
function tomlFields(text: string, line: number): string {
  try {
    return tomlTableJson(text);
  } catch (err) {
    throw frontError(err, 'TOML', line - 1);
  }
}

/**
 * Cut a document into its front matter (as a record) and its body. A
 * document whose first line opens a block that is never closed has no front
 * matter: all of it is the body.
 */
export function splitFrontMatter(text: string): Split {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const open = /^(---|\+\+\+)[ \t]*\r?\n/.exec(text);
  if (!open) return { body: text };
  const yaml = open[1] === '---';
  const close = yaml ? /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm : /^\+\+\+[ \t]*(?:\r?\n|$)/gm;
  close.lastIndex = open[0].length;
  const end = close.exec(text);
  if (!end) return { body: text };
  const block = text.slice(open[0].length, end.index);
  const fields = yaml ? yamlFields(block, 2) : tomlFields(block, 2);
  if (fields === undefined) return { body: text };
  return { front: frontRecord(fields), body: text.slice(end.index + end[0].length) };
}

/** The block for front matter fields (a Map, `type` already removed): YAML
 * between `---` lines, the escaped names given back. Empty for no fields. */
export function frontMatterBlock(fields: Map<string, unknown>): string {
  if (fields.size === 0) return '';
  const out = new Map<string, unknown>();
  for (const [k, v] of fields) out.set(/^_+type$/.test(k) ? k.slice(1) : k, v);
  return yamlDocument(out) + '---\n';
}
