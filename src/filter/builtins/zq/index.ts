// JN's ZQ functions that jq 1.7 lacks (docs/filter.md, ZQ functions), in
// one table: none has a name/arity jq defines.
import type { NativeFn } from '../../scope.js';
import { ZQ_IDS } from './ids.js';
import { ZQ_TIME } from './time.js';
import { ZQ_VALUES } from './values.js';

/** Every ZQ builtin, by name/arity. */
export const ZQ: ReadonlyMap<string, NativeFn> = new Map([ZQ_TIME, ZQ_IDS, ZQ_VALUES].flatMap((t) => [...t]));
