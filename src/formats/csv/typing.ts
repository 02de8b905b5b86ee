// How a CSV field is typed (numbers verbatim, true/false, the rest strings)
// and how header names become keys. Character checks only: these run on
// every field of a read.

const MAX_SAFE_DIGITS = 15; // every integer of up to 15 digits is safe

/** Is s[a, b) a JSON number literal (no leading zero) that survives as a
 * number: not an integer beyond Number.MAX_SAFE_INTEGER, not overflowing to
 * Infinity? Character checks first; Number() only for the rare long cases. */
function numberAt(s: string, a: number, b: number): boolean {
  let i = a;
  let c = s.charCodeAt(i);
  if (c === 45) {
    if (++i === b) return false;
    c = s.charCodeAt(i);
  }
  const digits0 = i;
  if (c === 48) i++;
  else if (c >= 49 && c <= 57) {
    i++;
    while (i < b && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
  } else return false;
  if (i === b) return b - digits0 <= MAX_SAFE_DIGITS || Number.isSafeInteger(Number(s.slice(a, b)));
  c = s.charCodeAt(i);
  if (c === 46) {
    const start = ++i;
    while (i < b && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
    if (i === start) return false;
    if (i === b) return b - a < 300 || Number.isFinite(Number(s.slice(a, b)));
    c = s.charCodeAt(i);
  }
  if (c !== 101 && c !== 69) return false;
  if (++i === b) return false;
  c = s.charCodeAt(i);
  if (c === 43 || c === 45) i++;
  const start = i;
  while (i < b && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
  if (i === start || i !== b) return false;
  return Number.isFinite(Number(s.slice(a, b)));
}

/** Is s[a, b) typed as a bare JSON literal (number or true/false), to be
 * emitted verbatim? */
export function bareAt(s: string, a: number, b: number): boolean {
  if (a === b) return false;
  const c = s.charCodeAt(a);
  if (c <= 57) return (c >= 48 || c === 45) && numberAt(s, a, b);
  if (c === 116) return b - a === 4 && s.charCodeAt(a + 1) === 114 && s.charCodeAt(a + 2) === 117 && s.charCodeAt(a + 3) === 101;
  if (c === 102) {
    return b - a === 5 && s.charCodeAt(a + 1) === 97 && s.charCodeAt(a + 2) === 108 && s.charCodeAt(a + 3) === 115 && s.charCodeAt(a + 4) === 101;
  }
  return false;
}

/** Is s a JSON number literal that the typing turns into a number? */
export function isTypedNumber(s: string): boolean {
  return s.length > 0 && numberAt(s, 0, s.length);
}

/** The JSON text of one CSV field under the typing rules: numbers verbatim,
 * true/false, everything else a string. */
export function typedJson(s: string): string {
  return bareAt(s, 0, s.length) ? s : JSON.stringify(s);
}

/** The value a CSV field is typed as. */
export function typeValue(s: string): string | number | boolean {
  return bareAt(s, 0, s.length) ? (JSON.parse(s) as number | boolean) : s;
}

// ------------------------------------------------------- header, records

/** Header names as keys: an empty name becomes its 1-based column number,
 * duplicates become a, a_2, a_3 (Miller's rule). */
export function headerKeys(names: string[]): string[] {
  const seen = new Set<string>();
  const next = new Map<string, number>();
  const keys: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const base = names[i] === '' ? String(i + 1) : names[i];
    let key = base;
    if (seen.has(key)) {
      let k = next.get(base) ?? 2;
      while (seen.has(`${base}_${k}`)) k++;
      key = `${base}_${k}`;
      next.set(base, k + 1);
    }
    seen.add(key);
    keys.push(key);
  }
  return keys;
}
