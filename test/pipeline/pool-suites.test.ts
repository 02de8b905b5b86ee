// The existing suites of the preview and the pipeline runner, run again
// with the pool of pre-started stage processes on (pool.test.ts tests the
// pool itself): their results must not change.
import { after } from 'node:test';
import { disableStagePool, enableStagePool } from '../../src/pipeline/pool/index.ts';

enableStagePool();
after(() => disableStagePool());
await import('./runner.test.ts');
await import('../shell/preview.test.ts');
await import('../shell/paging.test.ts');
