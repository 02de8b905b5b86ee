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
import { tomlToNdjson } from '../toml/toml.js';

export interface Split {
  /** The front matter record's JSON text, when the document has a non-empty block. */
  front?: string;
  /** The text after the block (all of it when there is none). */
  body: string;
  /** The line number of the body's first line. */
  bodyLine: number;
}

const TYPE_NAME = /^_*type$/;

/** The block's fields as a record: the type marker first. */
function frontRecord(json: string, line: number): string | undefined {
  const value = parseLossless(json);
  if (!(value instanceof Map)) throw new DataError('front matter is not a mapping of fields', line);
  if (value.size === 0) return undefined;
  const out = new Map<string, Lossless>([['type', 'frontmatter']]);
  for (const [k, v] of value) out.set(TYPE_NAME.test(k) ? '_' + k : k, v);
  return stringifyLossless(out);
}

/** The fields of a YAML block (line: the stream line of its first line). */
function yamlFields(text: string, line: number): string {
  const docs: string[] = [];
  yamlRecords(text, line, (json) => docs.push(json));
  if (docs.length === 0) return '{}';
  if (docs.length > 1 || !docs[0].startsWith('{')) throw new DataError('front matter is not a mapping of fields', line);
  return docs[0];
}

/** The fields of a TOML block; errors carry the document's line numbers. */
function tomlFields(text: string, line: number): string {
  try {
    return tomlToNdjson(text).trimEnd() || '{}';
  } catch (err) {
    if (err instanceof DataError && err.line !== undefined) throw new DataError(err.message.replace(/^invalid TOML/, 'invalid TOML front matter'), err.line + line - 1, err.column);
    throw err;
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
  if (!open) return { body: text, bodyLine: 1 };
  const yaml = open[1] === '---';
  const close = yaml ? /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm : /^\+\+\+[ \t]*(?:\r?\n|$)/gm;
  close.lastIndex = open[0].length;
  const end = close.exec(text);
  if (!end) return { body: text, bodyLine: 1 };
  const block = text.slice(open[0].length, end.index);
  const fields = yaml ? yamlFields(block, 2) : tomlFields(block, 2);
  const rest = end.index + end[0].length;
  const bodyLine = 1 + (text.slice(0, rest).match(/\n/g)?.length ?? 0);
  return { front: frontRecord(fields, 2), body: text.slice(rest), bodyLine };
}

/** The block for front matter fields (a Map, `type` already removed): YAML
 * between `---` lines, the escaped names given back. Empty for no fields. */
export function frontMatterBlock(fields: Map<string, unknown>): string {
  if (fields.size === 0) return '';
  const out = new Map<string, unknown>();
  for (const [k, v] of fields) out.set(/^_+type$/.test(k) ? k.slice(1) : k, v);
  return yamlDocument(out) + '---\n';
}
