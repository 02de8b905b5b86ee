// Applying `jn edit`'s edits (edits.ts) to one record, a lossless value
// (kit/lossless.ts: objects are Maps, numbers keep their text). Missing
// objects on a path are created, as are array slots past the end (null);
// a path through a value that is neither gives an error naming the edit.
import { JsonNumber, type Lossless, type LosslessObject } from '../kit/lossless.js';
import { typeName } from '../kit/text.js';
import type { Edit, Segment } from './edits.js';

/** What an edit cannot do on a record: the message names the edit. */
export class EditError extends Error {}

/** `an object`, `a string`, `null`: what a path went through. */
function describe(v: Lossless): string {
  const t = v instanceof JsonNumber ? 'number' : typeName(v);
  return t === 'null' ? 'null' : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

/** `.a.b[2]` for the first `n` segments of a path. */
function pathText(path: readonly Segment[], n = path.length): string {
  return path.slice(0, n).map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][\w]*$/.test(s) ? `.${s}` : `.${JSON.stringify(s)}`)).join('') || '.';
}

/** The array index of `seg` in `arr` (negative from the end), or throw. */
function indexIn(arr: Lossless[], seg: number, edit: Edit, path: readonly Segment[], at: number): number {
  const i = seg < 0 ? arr.length + seg : seg;
  if (i < 0) throw new EditError(`${edit.text}: ${pathText(path, at + 1)} is before the start of an array of ${arr.length}`);
  return i;
}

/** The container that holds the last segment of `path`, created on the way when `create`. */
function parentOf(root: LosslessObject, path: readonly Segment[], edit: Edit, create: boolean): Lossless | undefined {
  let node: Lossless = root;
  for (let k = 0; k < path.length - 1; k++) {
    const seg = path[k];
    const nextIsIndex = typeof path[k + 1] === 'number';
    let child: Lossless | undefined;
    if (typeof seg === 'string') {
      if (!(node instanceof Map)) throw new EditError(`${edit.text}: ${pathText(path, k)} is ${describe(node)}, not an object`);
      child = node.get(seg);
      if (child === undefined || (child === null && create)) {
        if (!create) return undefined;
        child = nextIsIndex ? [] : new Map();
        node.set(seg, child);
      }
    } else {
      if (!Array.isArray(node)) throw new EditError(`${edit.text}: ${pathText(path, k)} is ${describe(node)}, not an array`);
      const i = indexIn(node, seg, edit, path, k);
      child = node[i];
      if (child === undefined || (child === null && create)) {
        if (!create) return undefined;
        while (node.length < i) node.push(null);
        child = nextIsIndex ? [] : new Map();
        node[i] = child;
      }
    }
    node = child;
  }
  return node;
}

function set(root: LosslessObject, path: readonly Segment[], value: Lossless, edit: Edit): void {
  const parent = parentOf(root, path, edit, true)!;
  const last = path[path.length - 1];
  if (typeof last === 'string') {
    if (!(parent instanceof Map)) throw new EditError(`${edit.text}: ${pathText(path, path.length - 1)} is ${describe(parent)}, not an object`);
    parent.set(last, value);
  } else {
    if (!Array.isArray(parent)) throw new EditError(`${edit.text}: ${pathText(path, path.length - 1)} is ${describe(parent)}, not an array`);
    const i = indexIn(parent, last, edit, path, path.length - 1);
    while (parent.length < i) parent.push(null);
    parent[i] = value;
  }
}

function del(root: LosslessObject, path: readonly Segment[], edit: Edit): void {
  const parent = parentOf(root, path, edit, false);
  const last = path[path.length - 1];
  if (parent instanceof Map && typeof last === 'string') parent.delete(last);
  else if (Array.isArray(parent) && typeof last === 'number') {
    const i = last < 0 ? parent.length + last : last;
    if (i >= 0 && i < parent.length) parent.splice(i, 1);
  }
}

function add(root: LosslessObject, path: readonly Segment[], value: Lossless, edit: Edit, atEnd: boolean): void {
  const parent = parentOf(root, path, edit, true)!;
  const last = path[path.length - 1];
  let arr: Lossless | undefined = typeof last === 'string' && parent instanceof Map ? parent.get(last) : Array.isArray(parent) && typeof last === 'number' ? parent[last < 0 ? parent.length + last : last] : undefined;
  if (arr === undefined || arr === null) {
    arr = [];
    set(root, path, arr, edit);
  }
  if (!Array.isArray(arr)) throw new EditError(`${edit.text}: ${pathText(path)} is ${describe(arr)}, not an array`);
  if (atEnd) arr.push(value);
  else arr.unshift(value);
}

/** Objects merge key by key (recursively); any other value replaces. */
function merge(target: LosslessObject, patch: LosslessObject): void {
  for (const [k, v] of patch) {
    const old = target.get(k);
    if (v instanceof Map && old instanceof Map) merge(old, v);
    else target.set(k, copy(v));
  }
}

/** A deep copy, so that one edit's value is never shared between records. */
function copy(v: Lossless): Lossless {
  if (Array.isArray(v)) return v.map(copy);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, copy(x)]));
  return v;
}

/** Apply the edits to a record (changed in place); EditError when one cannot be done. */
export function applyEdits(record: LosslessObject, edits: readonly Edit[]): void {
  for (const e of edits) {
    if (e.op === 'set') set(record, e.path, copy(e.value), e);
    else if (e.op === 'del') del(record, e.path, e);
    else if (e.op === 'merge') merge(record, e.value as LosslessObject);
    else add(record, e.path, copy(e.value), e, e.op === 'append');
  }
}
