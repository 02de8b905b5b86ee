// A whole pipeline typed or pasted into the stage editor,
// `jn cat x.csv | jn filter '.a > 1' | jn head 5` (also over several lines
// joined by `\` or ending in `|`), becomes the session's source and stages.
// It is read by load.ts's parsePipeline, the reader of exported pipelines;
// this module only tells such an entry apart and joins its lines. Pure.

/** A `jn cat` command line (a leading `$ ` prompt allowed). */
const PIPELINE = /^\s*(?:\$\s+)?jn\s+cat(?:\s|$)/;

/** True when an editor entry is a whole pipeline, not a stage. */
export function isPipeline(text: string): boolean {
  return PIPELINE.test(text);
}

/** The line to keep editing when Enter ends a pipeline's line that goes on
 * (it ends with `\`, which is removed, or with `|`): the next pasted line
 * follows it after a space. Undefined when the pipeline is complete. */
export function continuedLine(text: string): string | undefined {
  const t = text.replace(/[ \t]+$/, '');
  if (!isPipeline(t)) return undefined;
  if (/(^|[^\\])(\\\\)*\\$/.test(t)) return t.slice(0, -1).replace(/[ \t]+$/, '') + ' ';
  if (t.endsWith('|') && !t.endsWith('||')) return t + ' ';
  return undefined;
}
