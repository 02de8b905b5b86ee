// What the sqlite and duckdb plugin tests share: reading a table through the
// plugin, records as NDJSON text, and awkward strings to round-trip.
import assert from 'node:assert/strict';
import { ndjson, plugin } from '../helpers.js';

/** The records the database plugin `name` reads from the file at path. */
export async function readWith(name: 'sqlite' | 'duckdb', path: string, args: string[] = []): Promise<unknown[]> {
  const res = await plugin(name, ['--mode=read', `--path=${path}`, ...args]);
  assert.equal(res.stderr, '');
  assert.equal(res.code, 0);
  return ndjson(res.stdout);
}

/** Records as NDJSON text. */
export const lines = (records: unknown[]): string => records.map((r) => JSON.stringify(r) + '\n').join('');

/** Strings that quoting, escaping and typing must leave alone. */
export const TEXTS = ['plain', '', 'quote " and \' apostrophe', 'back\\slash', 'new\nline\ttab', 'ünïcödé 日本語 😀', '{"looks":"like json"}', '12'];
