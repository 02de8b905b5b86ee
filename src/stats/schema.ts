// Walking records field by field: the shared part of jn inspect (schema of a
// sample) and jn analyze (statistics of everything). Paths are dotted for
// object keys (`customer.name`) and end in `[]` for array elements
// (`tags[]`); keys that are not plain identifiers are quoted as in jq
// (`."first name"`).

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

function childPath(parent: string, key: string): string {
  const k = PLAIN.test(key) ? key : JSON.stringify(key);
  if (parent === '') return PLAIN.test(key) ? key : `.${k}`;
  return `${parent}.${k}`;
}

/** Call visit(path, value) for every field of a record, depth first, in key
 * order; objects and arrays are visited themselves and then their contents. */
export function walk(record: unknown, visit: (path: string, value: unknown) => void, path = ''): void {
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
