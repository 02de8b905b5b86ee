// Runs every case of jq's own test suite (../shared/jq-tests/*.test) through
// jn's filter engine in-process and checks the pass rate against a ratchet.
// Cases jn deliberately does not support are in SKIPS (jq-suite-lib.ts),
// each with its reason; everything else counts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSuite, runSuite, SKIPS, SUITE_DIR, skipReason, suiteAvailable, table, type Case, type Outcome } from './jq-suite-lib.js';

// Ratchet: the pass rate over non-skipped cases must not drop below this.
const MIN_PASS_RATE = 1.0;
const MIN_CASES = 600;

test('jq test suite: pass rate over non-skipped cases', (t) => {
  if (!suiteAvailable()) {
    // Not a skipped test: without the data there is nothing to measure, and
    // the message says so. The suite lives outside the project on purpose.
    t.diagnostic(`jq test files not found at ${SUITE_DIR}; nothing to run`);
    console.log(`jq-suite: SKIPPED — no jq test files at ${SUITE_DIR}`);
    return;
  }
  const cases = loadSuite();
  assert.ok(cases.length >= MIN_CASES, `expected at least ${MIN_CASES} cases, parsed ${cases.length}`);
  const failures: [Case, Outcome][] = [];
  const stats = runSuite(cases, (c, o) => failures.push([c, o]));
  console.log(table(stats));
  for (const [c, o] of failures) console.log(`FAIL ${c.file}:${c.line}: ${c.program}\n    ${o.detail?.slice(0, 300)}`);
  const skipped = stats.reduce((n, s) => n + s.skipped, 0);
  const passed = stats.reduce((n, s) => n + s.passed, 0);
  const rate = passed / (cases.length - skipped);
  console.log(`skip list: ${SKIPS.map((s) => s.reason).join(' | ')}`);
  assert.ok(rate >= MIN_PASS_RATE, `pass rate ${(rate * 100).toFixed(1)}% fell below the ratchet ${(MIN_PASS_RATE * 100).toFixed(1)}%`);
});

test('jq test suite: the skip list only covers what it says', () => {
  if (!suiteAvailable()) return;
  const skipped = loadSuite().filter((c) => skipReason(c));
  // every skip rule must match something, and the list stays small
  for (const s of SKIPS) assert.ok(skipped.some((c) => s.test(c)), `skip rule matches nothing: ${s.reason}`);
  assert.ok(skipped.length <= 45, `too many skipped cases: ${skipped.length}`);
});
