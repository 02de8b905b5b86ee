// The xlsx plugin's read options (plugins/xlsx.ts), checked before the
// workbook is opened, and the choice of sheet(s) once it is.
//
//   sheet=NAME | sheet=N    a sheet by name, or by 0-based position as in JN
//                           (digits that are a sheet's name are that name)
//   sheet-index=N           by 1-based position (jn's older option)
//   mode=table|raw|stats    table (default; JN's `simple` is the same)
//   range=A1:D20            A:D, 1:20, Sheet!A1:D20 (table, raw)
//   skip-rows=N             rows skipped before the header (table)
//   header-row=N            the header's row, 1-based in the range (table)
import { DataError, UsageError, type Options } from '../../kit/sdk.js';
import type { SheetInfo } from './package.js';
import { parseRange, type Range } from './range.js';

type ReadMode = 'table' | 'raw' | 'stats';

interface SheetChoice {
  /** as given to --sheet: a name, or digits (a 0-based index unless a sheet has that name) */
  text?: string;
  /** --sheet-index, 1-based */
  index1?: number;
}

export interface ReadOptions {
  mode: ReadMode;
  /** undefined: the first sheet (table), every sheet (raw, stats) */
  sheet?: SheetChoice;
  range: Range;
  skipRows: number;
  headerRow?: number;
  /** how the header row was asked for (header-row or header_row), for errors */
  headerOption: string;
}

/** An option that JN spells with an underscore (skip_rows) and jn with a dash. */
function spelled(options: Options, name: string): string | undefined {
  const alt = name.replace(/-/g, '_');
  if (options.has(name) && options.has(alt)) throw new UsageError(`give --${name} or --${alt}, not both`);
  return options.has(name) ? name : options.has(alt) ? alt : undefined;
}

function readMode(options: Options): ReadMode {
  const mode = options.str('mode', 'table');
  if (mode === 'table' || mode === 'raw' || mode === 'stats') return mode;
  if (mode === 'simple') return 'table';
  throw new UsageError(`--mode: expected table, raw or stats, got ${JSON.stringify(mode)}`);
}

function sheetChoice(options: Options, range: Range): SheetChoice | undefined {
  if (options.has('sheet') && options.has('sheet-index')) throw new UsageError('give --sheet or --sheet-index, not both');
  if (options.has('sheet')) {
    const text = options.str('sheet')!;
    if (text === '' || text === 'true') throw new UsageError('--sheet: expected a sheet name or a 0-based index');
    if (range.sheet !== undefined && range.sheet !== text) throw new UsageError(`--range names sheet ${JSON.stringify(range.sheet)} but --sheet is ${JSON.stringify(text)}`);
    return { text };
  }
  if (options.has('sheet-index')) {
    const index1 = options.int('sheet-index', 1);
    if (index1 < 1) throw new UsageError('--sheet-index: expected 1 or more (sheets are counted from 1; --sheet=0 is the first sheet counted from 0)');
    if (range.sheet !== undefined) throw new UsageError('give the sheet in --range or --sheet-index, not both');
    return { index1 };
  }
  return range.sheet === undefined ? undefined : { text: range.sheet };
}

export function readOptions(options: Options): ReadOptions {
  const mode = readMode(options);
  const range = options.has('range') ? parseRange(options.str('range')!) : {};
  const skip = spelled(options, 'skip-rows');
  const header = spelled(options, 'header-row');
  if (mode !== 'table') {
    const tableOnly = skip ?? header ?? (mode === 'stats' && options.has('range') ? 'range' : undefined);
    if (tableOnly) throw new UsageError(`--${tableOnly} is for mode=table${tableOnly === 'range' ? ' and mode=raw' : ''}, not mode=${mode}`);
  }
  if (skip && header) throw new UsageError(`give --${skip} or --${header}, not both (the header row is counted from the top)`);
  const skipRows = skip ? options.int(skip, 0) : 0;
  let headerRow: number | undefined;
  if (header) {
    headerRow = options.int(header, 1);
    if (headerRow < 1) throw new UsageError(`--${header}: expected 1 or more (rows are counted from 1)`);
  }
  return { mode, sheet: sheetChoice(options, range), range, skipRows, headerRow, headerOption: header ?? 'header-row' };
}

const listOf = (sheets: SheetInfo[]): string => (sheets.length ? sheets.map((s) => JSON.stringify(s.name)).join(', ') : 'none');
const plural = (n: number): string => `${n} sheet${n === 1 ? '' : 's'}`;

/** The worksheets to read, or DataError listing the workbook's sheets. */
export function chooseSheets(sheets: SheetInfo[], opts: ReadOptions): SheetInfo[] {
  const choice = opts.sheet;
  if (choice === undefined) {
    if (opts.mode !== 'table') return sheets;
    if (sheets.length === 0) throw new DataError('the workbook has no worksheet');
    return [sheets[0]];
  }
  if (choice.index1 !== undefined) {
    const sheet = sheets[choice.index1 - 1];
    if (!sheet) throw new DataError(`no sheet ${choice.index1}: the workbook has ${plural(sheets.length)} (${listOf(sheets)})`);
    return [sheet];
  }
  const text = choice.text!;
  const named = sheets.find((s) => s.name === text);
  if (named) return [named];
  if (/^\d+$/.test(text)) {
    const sheet = sheets[Number(text)];
    if (!sheet) throw new DataError(`no sheet ${text} (counted from 0): the workbook has ${plural(sheets.length)} (${listOf(sheets)})`);
    return [sheet];
  }
  throw new DataError(`no sheet named ${JSON.stringify(text)} (sheets: ${listOf(sheets)})`);
}
