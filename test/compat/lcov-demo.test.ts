// JN's demos/lcov-analysis/run_examples.sh, step by step, on a small
// coverage.lcov (coverage.py style: FN with start and end lines). JN runs
// each step's jq program from a filter profile (@lcov/uncovered-functions,
// ...); jn has no jq-filter profiles, so each program is given inline, with
// the profile's params as --argjson. The command lines are otherwise the
// demo's (`jq 'length' F` is `jn cat F | jn filter -s length`), and so is
// the expected output: the records of JN's lcov plugin, worked out by hand
// below from its rules (a function covers the DA/BRDA lines from its start
// to its end line).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jnBin, run, tempDir } from '../helpers.ts';

const COVERAGE = `SF:src/jn/core/pipeline.py
DA:1,1
DA:2,1
DA:3,0
DA:4,0
DA:5,1
DA:10,1
DA:11,1
DA:12,1
DA:13,1
DA:20,0
DA:21,0
DA:22,0
DA:23,0
DA:24,0
LF:14
LH:7
FN:1,5,convert
FNDA:1,convert
FN:10,13,run
FNDA:1,run
FN:20,31,never_called
FNDA:0,never_called
FNF:3
FNH:2
BRDA:3,0,0,0
BRDA:3,0,1,1
BRDA:12,1,0,1
BRDA:12,1,1,1
BRF:4
BRH:3
end_of_record
SF:src/jn/cli/main.py
DA:1,1
DA:2,0
DA:3,0
DA:4,0
DA:5,0
DA:6,1
FN:1,12,main
FNDA:1,main
BRDA:2,0,0,0
BRDA:2,0,1,0
BRDA:5,1,0,1
end_of_record
SF:src/jn/util.py
DA:1,0
DA:2,0
FN:1,2,helper
FNDA:0,helper
end_of_record
`;

// The demo's filter profiles' programs (jn_home/profiles/jq/lcov/*.jq), in short.
const UNCOVERED = 'select(.coverage == 0) | select(.function | length > 0) | {file: .filename, function, lines, start_line, end_line, total_lines, missing_lines}';
const BELOW = 'select(.function | length > 0) | select(.coverage < $threshold) | {file: .filename, function, coverage: (.coverage | floor), lines, total_lines, missing_lines, branches: .total_branches, branch_coverage: (.branch_coverage | floor)}';
const RANGES = '{file: .filename, full_path: .file, coverage: (.coverage | floor), range: (if .coverage < 20 then "0-20%" elif .coverage < 40 then "20-40%" elif .coverage < 60 then "40-60%" elif .coverage < 80 then "60-80%" else "80-100%" end)}';
const BRANCHES = 'select(.function | length > 0) | select(.total_branches > 0) | select(.branch_coverage < $threshold) | {file: .filename, function, branches: .total_branches, taken: .taken_branches, branch_coverage: (.branch_coverage | floor), partial_branches}';
const GAPS = 'select(.function | length > 0) | select(.missing_lines >= $min_missing) | {file: .filename, function, missing: .missing_lines, lines, total_lines, coverage: (.coverage | floor), uncovered_pct: ((.missing_lines * 100 / .total_lines) | floor)}';
const MODULES = '{module: ((.file | split("/")) | .[:-1] | join("/")), file: .filename, function, total_lines, executed_lines, coverage: (.coverage | floor), total_branches, taken_branches, branch_coverage: (.branch_coverage | floor)}';
const HOTSPOTS = 'select(.function | length > 0) | select(.lines >= $min_lines) | select(.coverage < $max_coverage) | {file: .filename, function, lines, start_line, end_line, missing: .missing_lines, coverage: (.coverage | floor), complexity_score: (.lines * (100 - .coverage) / 100 | floor)} | . + {priority: (if .coverage < 30 then "critical" elif .coverage < 50 then "high" elif .coverage < 70 then "medium" else "low" end)}';

const SCRIPT = `set -e
echo "1. Find functions with 0% coverage..."
$JN cat coverage.lcov | $JN filter "$UNCOVERED" | $JN put uncovered.json
echo "   Found $($JN cat uncovered.json | $JN filter -s length) uncovered functions -> uncovered.json"
$JN cat uncovered.json | $JN head -n 3
echo "2. Find functions below 60% coverage..."
$JN cat coverage.lcov | $JN filter --argjson threshold 60 "$BELOW" | $JN put low_coverage.json
echo "   Found $($JN cat low_coverage.json | $JN filter -s length) functions below 60% -> low_coverage.json"
$JN cat low_coverage.json | $JN filter 'select(.coverage < 20)' | $JN head -n 3
echo "3. Group files by coverage ranges..."
$JN cat coverage.lcov | $JN filter "$RANGES" | $JN put coverage_ranges.json
$JN cat coverage_ranges.json | $JN head -n 5
echo "4. Find functions with poor branch coverage (<70%)..."
$JN cat coverage.lcov | $JN filter --argjson threshold 70 "$BRANCHES" | $JN put poor_branches.json
echo "   Found $($JN cat poor_branches.json | $JN filter -s length) functions with poor branch coverage -> poor_branches.json"
$JN cat poor_branches.json | $JN head -n 3
echo "5. Find functions with most missing lines (3+ uncovered lines)..."
$JN cat coverage.lcov | $JN filter --argjson min_missing 3 "$GAPS" | $JN put gaps.json
echo "   Found $($JN cat gaps.json | $JN filter -s length) functions with significant gaps -> gaps.json"
$JN cat gaps.json | $JN head -n 3
echo "6. Generate module-level coverage summary..."
$JN cat coverage.lcov | $JN filter "$MODULES" | $JN put summary.json
$JN cat summary.json | $JN head -n 5
echo "7. Identify coverage hotspots (10+ lines, <70% coverage)..."
$JN cat coverage.lcov | $JN filter --argjson min_lines 10 --argjson max_coverage 70 "$HOTSPOTS" | $JN put hotspots.json
echo "   Found $($JN cat hotspots.json | $JN filter -s length) hotspot functions -> hotspots.json"
$JN cat hotspots.json | $JN head -n 3
`;

const EXPECTED = `1. Find functions with 0% coverage...
   Found 2 uncovered functions -> uncovered.json
{"file":"pipeline.py","function":"never_called","lines":12,"start_line":20,"end_line":31,"total_lines":5,"missing_lines":5}
{"file":"util.py","function":"helper","lines":2,"start_line":1,"end_line":2,"total_lines":2,"missing_lines":2}
2. Find functions below 60% coverage...
   Found 3 functions below 60% -> low_coverage.json
{"file":"pipeline.py","function":"never_called","coverage":0,"lines":12,"total_lines":5,"missing_lines":5,"branches":0,"branch_coverage":0}
{"file":"util.py","function":"helper","coverage":0,"lines":2,"total_lines":2,"missing_lines":2,"branches":0,"branch_coverage":0}
3. Group files by coverage ranges...
{"file":"pipeline.py","full_path":"src/jn/core/pipeline.py","coverage":60,"range":"60-80%"}
{"file":"pipeline.py","full_path":"src/jn/core/pipeline.py","coverage":100,"range":"80-100%"}
{"file":"pipeline.py","full_path":"src/jn/core/pipeline.py","coverage":0,"range":"0-20%"}
{"file":"main.py","full_path":"src/jn/cli/main.py","coverage":33,"range":"20-40%"}
{"file":"util.py","full_path":"src/jn/util.py","coverage":0,"range":"0-20%"}
4. Find functions with poor branch coverage (<70%)...
   Found 2 functions with poor branch coverage -> poor_branches.json
{"file":"pipeline.py","function":"convert","branches":2,"taken":1,"branch_coverage":50,"partial_branches":1}
{"file":"main.py","function":"main","branches":3,"taken":1,"branch_coverage":33,"partial_branches":2}
5. Find functions with most missing lines (3+ uncovered lines)...
   Found 2 functions with significant gaps -> gaps.json
{"file":"pipeline.py","function":"never_called","missing":5,"lines":12,"total_lines":5,"coverage":0,"uncovered_pct":100}
{"file":"main.py","function":"main","missing":4,"lines":12,"total_lines":6,"coverage":33,"uncovered_pct":66}
6. Generate module-level coverage summary...
{"module":"src/jn/core","file":"pipeline.py","function":"convert","total_lines":5,"executed_lines":3,"coverage":60,"total_branches":2,"taken_branches":1,"branch_coverage":50}
{"module":"src/jn/core","file":"pipeline.py","function":"run","total_lines":4,"executed_lines":4,"coverage":100,"total_branches":2,"taken_branches":2,"branch_coverage":100}
{"module":"src/jn/core","file":"pipeline.py","function":"never_called","total_lines":5,"executed_lines":0,"coverage":0,"total_branches":0,"taken_branches":0,"branch_coverage":0}
{"module":"src/jn/cli","file":"main.py","function":"main","total_lines":6,"executed_lines":2,"coverage":33,"total_branches":3,"taken_branches":1,"branch_coverage":33}
{"module":"src/jn","file":"util.py","function":"helper","total_lines":2,"executed_lines":0,"coverage":0,"total_branches":0,"taken_branches":0,"branch_coverage":0}
7. Identify coverage hotspots (10+ lines, <70% coverage)...
   Found 2 hotspot functions -> hotspots.json
{"file":"pipeline.py","function":"never_called","lines":12,"start_line":20,"end_line":31,"missing":5,"coverage":0,"complexity_score":12,"priority":"critical"}
{"file":"main.py","function":"main","lines":12,"start_line":1,"end_line":12,"missing":4,"coverage":33,"complexity_score":8,"priority":"high"}
`;

describe('JN demo: lcov-analysis', () => {
  it('run_examples.sh gives the demo output', async () => {
    const dir = tempDir('jn-lcov-demo-');
    writeFileSync(join(dir, 'coverage.lcov'), COVERAGE);
    const env = {
      ...process.env,
      JN_HOME: join(dir, 'home'),
      JN: `${process.execPath} ${jnBin}`,
      UNCOVERED, BELOW, RANGES, BRANCHES, GAPS, MODULES, HOTSPOTS,
    };
    const r = await run('bash', ['-c', SCRIPT], { cwd: dir, env, timeoutMs: 120_000 });
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, EXPECTED);
  });
});
