// Walking records field by field: the shared part of jn inspect (schema of a
// sample) and jn analyze (statistics of everything). Paths are dotted for
// object keys (`customer.name`) and end in `[]` for array elements
// (`tags[]`); keys that are not plain identifiers are quoted as in jq
// (`."first name"`).

import { typeName, type TypeName } from '../kit/text.js';

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function childPath(parent: string, key: string): string {
  const k = PLAIN.test(key) ? key : JSON.stringify(key);
  if (parent === '') return PLAIN.test(key) ? key : `.${k}`;
  return `${parent}.${k}`;
}

/** Call visit(path, value) for every field of a record, depth first, in key
 * order; objects and arrays are visited themselves and then their contents. */
function walk(record: unknown, visit: (path: string, value: unknown) => void, path = ''): void {
  if (record !== null && typeof record === 'object') {
    if (Array.isArray(record)) {
      for (const item of record) {
        const p = `${path}[]`;
        visit(p, item);
        walk(item, visit, p);
      }
    } else {
      for (const [k, v] of Object.entries(record)) {
        const p = childPath(path, k);
        visit(p, v);
        walk(v, visit, p);
      }
    }
  }
}

/** What inspect and analyze both count per field: the types seen, in how
 * many records it is present, how often it is null. */
export class FieldTally {
  types: Record<string, number> = {};
  present = 0;
  nulls = 0;
  private lastRecord = 0;

  /** Count value, seen in record number n; returns its type. */
  see(value: unknown, n: number): TypeName {
    const t = typeName(value);
    this.types[t] = (this.types[t] ?? 0) + 1;
    if (t === 'null') this.nulls++;
    if (this.lastRecord !== n) {
      this.present++;
      this.lastRecord = n;
    }
    return t;
  }
}

/** Walk every record and tally every field (make() creates a field's tally
 * on first sight; more(f, value, type) counts what the caller wants beyond
 * the tally). Memory grows with the number of fields, not of records. */
export function tallyFields<T extends FieldTally>(
  records: Iterable<unknown>,
  make: (path: string) => T,
  more: (f: T, value: unknown, type: TypeName) => void,
): { records: number; fields: Map<string, T> } {
  const fields = new Map<string, T>();
  let n = 0;
  for (const rec of records) {
    n++;
    walk(rec, (path, value) => {
      let f = fields.get(path);
      if (!f) fields.set(path, (f = make(path)));
      more(f, value, f.see(value, n));
    });
  }
  return { records: n, fields };
}
