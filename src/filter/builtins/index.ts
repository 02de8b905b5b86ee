// The native builtins, one file per concern, in one table (name/arity ->
// NativeFn). Builtins written in jq are in ../prelude.ts.
import type { NativeFn } from '../scope.js';
import { CORE } from './core.js';
import { DATES } from './dates.js';
import { EXTRAS } from './extras.js';
import { FORMATS } from './formats.js';
import { IO } from './io.js';
import { MATH } from './math.js';
import { PATHS } from './paths.js';
import { REGEX } from './regex.js';
import { SORTING } from './sorting.js';
import { STRINGS } from './strings.js';
import { VALUES } from './values.js';
import { ZQ } from './zq/index.js';

/** Every native builtin. A later table would override an earlier one's
 * name/arity: the tables have none in common. */
export const natives: ReadonlyMap<string, NativeFn> = new Map([CORE, PATHS, IO, VALUES, STRINGS, SORTING, MATH, FORMATS, REGEX, DATES, EXTRAS, ZQ].flatMap((t) => [...t]));
