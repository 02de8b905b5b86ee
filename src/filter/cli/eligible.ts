// Which programs may run on two threads (parallel.ts): those whose results
// do not depend on the other inputs nor on the order of everything the
// process does.
import { parse } from '../parser.js';
import { preludeDefs } from '../prelude.js';

/** Builtins whose results depend on the other inputs or on the order of
 * everything the process does. */
const ORDER_BOUND = new Set(['input', 'inputs', 'input_line_number', 'input_filename', 'halt', 'halt_error', 'debug', 'stderr']);

/** True when no call in expr — nor in the builtins written in jq that it
 * calls, transitively — is to an ORDER_BOUND name (whatever its arity, even
 * if the program defines its own: when in doubt, one thread). */
export function parallelizable(expr: string): boolean {
  let ast: unknown;
  try {
    ast = parse(expr);
  } catch {
    return false;
  }
  const visited = new Set<string>();
  let ok = true;
  // an explicit stack: a program's AST can be deep (a long `a | b | ...`)
  const stack: unknown[] = [ast];
  while (ok && stack.length > 0) {
    const n = stack.pop();
    if (n === null || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      for (const x of n) stack.push(x);
      continue;
    }
    const node = n as { k?: string; name?: string; args?: unknown[] };
    if (node.k === 'literal') continue;
    if (node.k === 'call') {
      if (ORDER_BOUND.has(node.name!)) ok = false;
      const key = `${node.name}/${node.args!.length}`;
      if (preludeDefs.has(key) && !visited.has(key)) {
        visited.add(key);
        stack.push(preludeDefs.get(key)!.body);
      }
    }
    for (const v of Object.values(n)) stack.push(v);
  }
  return ok;
}
