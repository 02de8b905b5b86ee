// Seeking in big source files, for the shell's pager: whether a source can
// seek (source.ts), the first record boundary at or after a byte offset
// (resync.ts), the processes that read the source from there (stages.ts),
// and the sparse row index built in the background (row-index.ts). See
// docs/shell.md, "Jumping and the row index".
//
// How the pieces go together:
//   const src = seekable(source);             // or { reason } to show
//   const index = buildIndex(src);            // ready at once if cached; else
//                                             // onProgress until index.ready
//   `:goto 50%` before the index is ready:
//     const { byte, exact } = await resyncAt(src, src.size * 0.5);
//     stagesFrom(src, byte) then the session's stages; row ~index.rowAt(byte)
//     (mark it approximate; also when !exact)
//   `:goto ROW` (or a % once index.rows is known, ROW = rows * p):
//     const at = index.before(ROW);
//     stagesFrom(src, at.byte, { skipRows: ROW - at.row })  // first row is ROW
//   the end: resyncAt(src, src.size - 64 KB) and keep the last rows read.
// Call index.cancel() when the source changes or the shell quits.
export { seekable, type Seekable } from './source.js';
export { resyncAt } from './resync.js';
export { stagesFrom } from './stages.js';
export { buildIndex, type RowIndex } from './row-index.js';
