// Loading a `jn shell` session back: from an exported script, a saved
// session file, or a plain one-line pipeline; and the errors for bad input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandLine, shellQuote, toScript } from '../../src/shell/export.ts';
import { entryText, loadSession, parsePipeline, saveSession } from '../../src/shell/load.ts';
import { Session, enabledArgvs, type SessionState } from '../../src/shell/session.ts';
import { stageArgv } from '../../src/shell/stage.ts';
import { rng } from '../helpers.ts';

const info = { version: '0.1.0', createdAt: new Date('2025-01-02T03:04:05Z') };
const view = (s: SessionState) => ({ source: s.source, stages: s.stages.map((e) => ({ text: e.text, enabled: e.enabled })) });

function sample(): SessionState {
  const s = new Session({ source: `my dir/it's "x" 😀.csv`, stages: [] });
  s.add('.x > 10');
  s.add(`select(.name == "O'Neil $HOME \`x\`")\n| .a // "中文 e\u0301"`);
  s.add('head 2');
  s.add("join 'c d.csv' --on id");
  s.add('table --tablefmt grid');
  s.toggle(2);
  s.toggle(4);
  return s.state;
}

/** Error thrown by loadSession: one line, starting with the expected prefix. */
function loadError(text: string, prefix: string, message: RegExp, origin = 'f.sh'): void {
  assert.throws(
    () => loadSession(text, origin),
    (err: unknown) => {
      assert.ok(err instanceof Error);
      assert.ok(err.message.startsWith(prefix + ': '), `message ${JSON.stringify(err.message)} should start with ${prefix}: `);
      assert.match(err.message, message);
      assert.ok(!err.message.includes('\n'), 'one line');
      return true;
    },
  );
}

describe('saveSession', () => {
  it('writes pretty JSON (2 spaces) with a final newline: source and stages (text, enabled)', () => {
    const state: SessionState = { source: 'a.csv', stages: [{ id: 4, text: 'head 2', enabled: false }] };
    assert.equal(saveSession(state), '{\n  "source": "a.csv",\n  "stages": [\n    {\n      "text": "head 2",\n      "enabled": false\n    }\n  ]\n}\n');
  });
});

describe('loadSession: round trips', () => {
  it('toScript -> loadSession gives back the source and every stage (text, enabled, id)', () => {
    const state = sample();
    const back = loadSession(toScript(state, info), 'x.sh');
    assert.deepEqual(view(back), view(state));
    assert.deepEqual(back, JSON.parse(JSON.stringify(state)));
  });

  it('saveSession -> loadSession gives back the source and every stage; ids are fresh 1..n', () => {
    const state = sample();
    const back = loadSession(saveSession(state), 'x.json');
    assert.deepEqual(view(back), view(state));
    assert.deepEqual(
      back.stages.map((s) => s.id),
      [1, 2, 3, 4, 5],
    );
  });

  it('a loaded state can start a Session', () => {
    const s = new Session(loadSession(saveSession(sample())));
    assert.deepEqual(view(s.state), view(sample()));
    s.add('tail 1');
    assert.equal(new Set(s.state.stages.map((e) => e.id)).size, 6);
  });

  it('commandLine -> loadSession gives back the source and each enabled stage argv', () => {
    const state = sample();
    const back = loadSession(commandLine(state), 'line');
    assert.equal(back.source, state.source);
    assert.deepEqual(enabledArgvs(back), enabledArgvs(state));
    assert.ok(back.stages.every((s) => s.enabled));
    // expressions read back as expression entries
    assert.deepEqual(
      back.stages.map((s) => s.text),
      ['.x > 10', state.stages[1].text, "join 'c d.csv' --on id"],
    );
  });

  it('property: random sessions survive all three round trips', () => {
    const rand = rng(31337);
    const alphabet = [...'\'"$`\\\n\t #*~!;&|<>(){}[]?=-abcxyz019._', '😀', '中', 'e\u0301', '\u0301'];
    const str = () => {
      let s = '';
      const len = Math.floor(rand() * 15);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      return s;
    };
    for (let round = 0; round < 60; round++) {
      const s = new Session({ source: str() || 'x', stages: [] });
      const n = Math.floor(rand() * 6);
      for (let k = 0; k < n; k++) {
        const a = str();
        const kind = rand();
        const text = kind < 0.4 ? a : kind < 0.7 ? `filter ${shellQuote(a)}` : `join ${shellQuote(a)} --on ${shellQuote(str())}`;
        try {
          stageArgv(text);
        } catch {
          continue; // not a valid entry (e.g. empty, or an unterminated quote after "head")
        }
        s.add(text);
        if (rand() < 0.3) s.toggle(s.state.stages.length - 1);
      }
      const state = s.state;
      assert.deepEqual(view(loadSession(toScript(state, info))), view(state), `script, round ${round}`);
      assert.deepEqual(view(loadSession(saveSession(state))), view(state), `file, round ${round}`);
      const line = loadSession(commandLine(state));
      assert.equal(line.source, state.source, `line source, round ${round}`);
      assert.deepEqual(enabledArgvs(line), enabledArgvs(state), `line argvs, round ${round}: ${commandLine(state)}`);
    }
  });
});

describe('loadSession: session files', () => {
  it('accepts stages without ids or enabled flags (enabled by default), and bare strings', () => {
    const back = loadSession('{"source": "a.csv", "stages": [{"text": "head 1"}, {"text": ".x", "enabled": false}, "table"]}');
    assert.deepEqual(back, {
      source: 'a.csv',
      stages: [
        { id: 1, text: 'head 1', enabled: true },
        { id: 2, text: '.x', enabled: false },
        { id: 3, text: 'table', enabled: true },
      ],
    });
  });

  it('keeps valid unique ids, and replaces ids that are duplicated', () => {
    assert.deepEqual(
      loadSession('{"source":"a","stages":[{"id":5,"text":"head 1"},{"id":2,"text":"head 2"}]}').stages.map((s) => s.id),
      [5, 2],
    );
    assert.deepEqual(
      loadSession('{"source":"a","stages":[{"id":5,"text":"head 1"},{"id":5,"text":"head 2"}]}').stages.map((s) => s.id),
      [1, 2],
    );
  });

  it('a missing stages list is an empty one; a BOM is allowed', () => {
    assert.deepEqual(loadSession('\uFEFF{"source": "a.csv"}'), { source: 'a.csv', stages: [] });
  });
});

describe('loadSession: plain pipelines', () => {
  const cases: [string, string, string[]][] = [
    ["jn cat data.csv | jn filter '.x > 10' | jn head 5", 'data.csv', ['.x > 10', 'head 5']],
    ['jn cat data.csv', 'data.csv', []],
    ['jn cat "my file.csv"|jn head -n 5|jn table', 'my file.csv', ['head -n 5', 'table']],
    ['jn cat my\\ file.csv | jn join c\\ d.csv --on "a,b"', 'my file.csv', ["join 'c d.csv' --on a,b"]],
    [`jn cat a | jn filter ".name == \\"x\\" and .p == \\"\\$5\\""`, 'a', ['.name == "x" and .p == "$5"']],
    [`jn cat a | jn filter 'select(.n == "O'\\''Neil")'`, 'a', [`select(.n == "O'Neil")`]],
    ["jn cat a | jn filter -r '.name'", 'a', ['filter -r .name']],
    ["jn cat a | jn filter 'head'", 'a', ['filter head']], // 'head' alone would read back as the head command
    ["jn cat a | jn filter ' .x'", 'a', ["filter ' .x'"]], // leading blank would be trimmed away
    ["jn cat a | jn filter 'jn head'", 'a', ["filter 'jn head'"]],
    ["jn cat a | jn filter '.a\n| .b'", 'a', ['.a\n| .b']],
    ["jn cat a | jn merge b.csv c.csv:label=C --annotate source", 'a', ['merge b.csv c.csv:label=C --annotate source']],
    ["jn cat a | jn head ''", 'a', ["head ''"]],
    ['jn cat a | jn head "$"', 'a', ["head '$'"]],
    // layout: comments, blank lines, a $ prompt, continuation lines, a newline after |
    ['#!/bin/sh\n# my pipeline\n\njn cat a \\\n  | jn head 2 \\\n  | jn table\n', 'a', ['head 2', 'table']],
    ['$ jn cat a | jn head 2  # first two', 'a', ['head 2']],
    ['jn cat a |\n  jn head 2 |\n\n  jn table', 'a', ['head 2', 'table']],
    ['  jn cat a | jn head 2\r\n', 'a', ['head 2']],
  ];
  for (const [text, source, stages] of cases) {
    it(JSON.stringify(text), () => {
      const back = loadSession(text);
      assert.deepEqual(view(back), { source, stages: stages.map((t) => ({ text: t, enabled: true })) });
      assert.deepEqual(
        back.stages.map((s) => s.id),
        stages.map((_, i) => i + 1),
      );
    });
  }

  it('entryText reads back (through stageArgv) as the same argv', () => {
    for (const argv of [['filter', '.x'], ['filter', 'head'], ['filter', ' .x '], ['filter', "it's"], ['head', '-n', '5'], ['join', 'a b', '--on', '|'], ['filter', '.a', '-r']]) {
      assert.deepEqual(stageArgv(entryText(argv)), argv, JSON.stringify(argv));
    }
    assert.equal(entryText(['filter', '.x | .y']), '.x | .y');
    assert.equal(entryText(['filter', 'length']), 'length');
  });

  it('parsePipeline is the fallback reader and names its origin', () => {
    assert.deepEqual(view(parsePipeline('jn cat a | jn head 1')), { source: 'a', stages: [{ text: 'head 1', enabled: true }] });
    assert.throws(() => parsePipeline('jn head 1', 'pasted'), /^Error: pasted:1: /);
  });
});

describe('loadSession: errors name the origin and the line', () => {
  const cases: [string, string, RegExp][] = [
    ['', 'f.sh', /empty/],
    ['\n# just a comment\n', 'f.sh', /empty/],
    ['jn cat a | jn put out.csv', 'f.sh:1', /jn put out\.csv.*cannot be a stage/],
    ['cat a.csv | jn head', 'f.sh:1', /must start with jn cat SOURCE/],
    ['jn head 5', 'f.sh:1', /must start with jn cat SOURCE/],
    ['jn cat a b | jn head', 'f.sh:1', /one source/],
    ['jn cat | jn head', 'f.sh:1', /jn cat SOURCE/],
    ['jn cat a | head 5', 'f.sh:1', /every stage must be a jn command/],
    ['jn cat a | jn', 'f.sh:1', /cannot be a stage/],
    ['jn cat a | jn filter', 'f.sh:1', /filter needs an expression/],
    ['# one\njn cat a\njn cat b', 'f.sh:3', /single pipeline/],
    ['jn cat a | jn head 2\n\n  jn table', 'f.sh:3', /single pipeline/],
    ['jn cat "$src" | jn head', 'f.sh:1:9', /'\$src' \(a shell variable\) is not supported/],
    ['jn cat a | jn head $N', 'f.sh:1:20', /'\$N'/],
    ['jn cat a | jn head ${N}', 'f.sh:1:20', /'\$\{...\}'/],
    ['jn cat a | jn head "$1"', 'f.sh:1:21', /'\$1' \(a shell parameter\)/],
    ['jn cat a | jn head $(echo 5)', 'f.sh:1:20', /command substitution/],
    ['jn cat a > out', 'f.sh:1:10', /'>' is not supported/],
    ['jn cat a; jn cat b', 'f.sh:1:9', /';'/],
    ['jn cat a || jn head', 'f.sh:1:10', /'\|\|'/],
    ['jn cat a &', 'f.sh:1:10', /'&'/],
    ['jn cat `x`', 'f.sh:1:8', /'`'/],
    ['jn cat a |', 'f.sh:1', /without a command after it/],
    ['| jn head', 'f.sh:1', /without a command before it/],
    ['jn cat a | | jn head', 'f.sh:1', /without a command before it/],
    ["jn cat a | jn filter '.x", 'f.sh:1:22', /unterminated single quote/],
    ['\n\njn cat a | jn filter ".x', 'f.sh:3:22', /unterminated double quote/],
    ['jn cat a | jn filter \'x\ny\' "`"', 'f.sh:2:5', /'`'/],
    ["jn cat a |\n jn filter 'a\nb' | jn head 1 | jn put x", 'f.sh:3', /jn put x/],
    // session files
    ['{"source": 1}', 'f.sh', /"source" must be a string/],
    ['{"stages": []}', 'f.sh', /"source" must be a string/],
    ['{"source": "a", "stages": {}}', 'f.sh', /"stages" must be an array/],
    ['{"source": "a", "stages": [3]}', 'f.sh', /stages\[0\] must be an object/],
    ['{"source": "a", "stages": [{"text": 3}]}', 'f.sh', /stages\[0\]\.text must be a string/],
    ['{"source": "a", "stages": [{"text": "head 1", "enabled": "yes"}]}', 'f.sh', /stages\[0\]\.enabled must be true or false/],
    ['{"source": "a", "stages": [{"text": "head 1"}, {"text": "head \'x"}]}', 'f.sh', /stage 2 "head 'x": column 6: unterminated single quote/],
    ['{"source": "a", "stages": [{"text": ""}]}', 'f.sh', /stage 1 "": column 1: empty stage/],
    ['{\n  "source": "a",\n  "stages": [\n    {"text": "head 1"},\n  ]\n}', 'f.sh:5:3', /not a valid session file \(JSON\): unexpected "\]", expected a value/],
    ['{"source": "a"', 'f.sh:1:15', /unexpected end of input/],
    ['{"source": "a"} x', 'f.sh:1:17', /after the JSON value/],
    ['[1]', 'f.sh', /must be a JSON object/],
    // scripts
    ['#!/bin/sh\n# jn-session: {"source": "a", "stages": [\njn cat a', 'f.sh:2', /jn-session line is not valid JSON/],
    ['#!/bin/sh\n\n# jn-session: {"source": "a", "stages": ["filter"]}\n', 'f.sh:3', /stage 1 "filter": column 1: filter needs an expression/],
    ['#!/bin/sh\n# jn-session: {"src": "a"}\n', 'f.sh:2', /"source" must be a string/],
  ];
  for (const [text, prefix, message] of cases) {
    it(`${JSON.stringify(text)} -> ${prefix}: ${message.source}`, () => loadError(text, prefix, message));
  }

  it('the default origin is "session"', () => {
    assert.throws(() => loadSession('jn head 1'), /^Error: session:1: /);
  });

  it('a script whose session line was removed falls back to reading it as shell, and says why not', () => {
    const script = toScript(sample(), info)
      .split('\n')
      .filter((l) => !l.startsWith('# jn-session:'))
      .join('\n');
    assert.throws(() => loadSession(script, 'x.sh'), /^Error: x\.sh:\d+:\d+: /);
  });
});
