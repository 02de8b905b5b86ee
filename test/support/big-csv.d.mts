/** Write about `bytes` of rows to `file`; `seed` picks the values. Returns the row count. */
export function writeBigCsv(file: string, bytes: number, seed?: number): number;
