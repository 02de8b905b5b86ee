// Seeking in big source files, for the shell's pager: whether a source can
// seek (source.ts), the first record boundary at or after a byte offset
// (resync.ts), the processes that read the source from there (stages.ts),
// and the sparse row index built in the background (row-index.ts). See
// docs/shell.md, "Jumping and the row index".
export { seekable, type Seekable } from './source.js';
export { resyncAt } from './resync.js';
export { stagesFrom } from './stages.js';
export { buildIndex, type RowIndex } from './row-index.js';
