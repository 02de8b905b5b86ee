// How a CSV field is typed (numbers verbatim, true/false, the rest strings)
// and how header names become keys. Character checks only: these run on
// every field of a read.
//
// "Typed" means: the field's text is a JSON literal, so the record holds it
// bare, exactly as written. A number is its text: `12345678901234567890`
// (beyond a double's 2^53), `1e400` (beyond its range), `1.50` and `-0` are
// numbers with those digits, which every stage that does not compute passes
// on unchanged (and `jn put x.csv` writes back as they were). A stage that
// computes on one uses the nearest double. What is not a JSON literal
// (`007`, `+1`, `.5`, `NaN`, `1_000`) stays a string.

/** Is s[a, b) a JSON number literal (no leading zero, no `+`, digits on
 * both sides of a point)? */
function numberAt(s: string, a: number, b: number): boolean {
  let i = a;
  let c = s.charCodeAt(i);
  if (c === 45) {
    if (++i === b) return false;
    c = s.charCodeAt(i);
  }
  if (c === 48) i++;
  else if (c >= 49 && c <= 57) {
    i++;
    while (i < b && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
  } else return false;
  if (i === b) return true;
  c = s.charCodeAt(i);
  if (c === 46) {
    const start = ++i;
    while (i < b && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
    if (i === start) return false;
    if (i === b) return true;
    c = s.charCodeAt(i);
  }
  if (c !== 101 && c !== 69) return false;
  if (++i === b) return false;
  c = s.charCodeAt(i);
  if (c === 43 || c === 45) i++;
  const start = i;
  while (i < b && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
  return i !== start && i === b;
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

/** The value a CSV field is typed as, as JSON.parse reads its JSON text
 * (a number beyond a double's precision or range as the nearest double). */
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
