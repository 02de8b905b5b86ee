// The xml plugin as a process: the mapping rules, real documents (an Atom
// feed, a Maven pom), errors with line/column, writing, a seeded round trip,
// streaming memory and a downstream close.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ndjson, plugin, pluginBin, rng, root, run } from '../helpers.js';

const fixture = (name: string): string => join(root, 'test', 'fixtures', 'formats', name);

describe('xml plugin: metadata', () => {
  it('answers --jn-meta', async () => {
    const res = await plugin('xml', ['--jn-meta']);
    assert.equal(res.code, 0);
    const meta = JSON.parse(res.stdout);
    assert.equal(meta.name, 'xml');
    assert.equal(meta.version, '0.1.0');
    assert.equal(meta.role, 'format');
    assert.deepEqual(meta.modes, ['read', 'write']);
    assert.deepEqual(meta.matches, ['\\.xml$']);
    assert.equal(meta.buffers, undefined);
    assert.deepEqual(
      meta.options.map((o: { name: string }) => o.name),
      ['record', 'root', 'encoding'],
    );
  });

  it('--root is a write option; names must be XML names (exit 2)', async () => {
    let res = await plugin('xml', ['--mode=read', '--root=x'], '<a/>');
    assert.equal(res.code, 2);
    res = await plugin('xml', ['--mode=write', '--record=1bad'], '{}\n');
    assert.equal(res.code, 2);
    assert.equal(res.stderr, '--record: "1bad" is not an XML element name\n');
  });
});

describe('xml plugin: read', () => {
  it('maps attributes, repeated children, text, empty elements, CDATA and entities', async () => {
    const input = `<?xml version="1.0"?>
<!DOCTYPE list>
<list>
  <!-- a comment -->
  <item id="1" kind="a&amp;b">
    <name>Zoë &lt;3</name>
    <tag>x</tag>
    <tag>y</tag>
    <tag/>
    <note lang="en">  spaced text  </note>
    <empty></empty>
    <code><![CDATA[if (a < b && c) {}]]></code>
    <?pi ignored?>
    <deep><a><b n="1">one</b><b>two</b></a></deep>
  </item>
  <item>text only</item>
  <item id="3"/>
  <item>  <x>1</x> mixed <y>2</y> text  </item>
</list>
`;
    const res = await plugin('xml', ['--mode=read'], input);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(
      res.stdout,
      [
        {
          '@id': '1',
          '@kind': 'a&b',
          name: 'Zoë <3',
          tag: ['x', 'y', ''],
          note: { '@lang': 'en', '#text': '  spaced text  ' },
          empty: '',
          code: 'if (a < b && c) {}',
          deep: { a: { b: [{ '@n': '1', '#text': 'one' }, 'two'] } },
        },
        { '#text': 'text only' },
        { '@id': '3' },
        { x: '1', y: '2', '#text': 'mixed  text' },
      ]
        .map((r) => JSON.stringify(r) + '\n')
        .join(''),
    );
  });

  it('--record picks the element at any depth; a name without prefix also matches prefixed ones; nested matches stay inside', async () => {
    const input = `<r xmlns:a="urn:a"><group><a:entry n="1"><entry>inner</entry></a:entry></group><entry n="2"/><other/></r>`;
    let res = await plugin('xml', ['--mode=read', '--record=entry'], input);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '{"@n":"1","entry":"inner"}\n{"@n":"2"}\n');
    res = await plugin('xml', ['--mode=read', '--record=a:entry'], input);
    assert.equal(res.stdout, '{"@n":"1","entry":"inner"}\n');
    res = await plugin('xml', ['--mode=read', '--record=missing'], input);
    assert.deepEqual([res.code, res.stdout], [0, '']);
  });

  it('reads a real Atom feed: namespaces kept as written, declarations as @xmlns attributes', async () => {
    const res = await plugin('xml', ['--mode=read', '--record=entry'], readFileSync(fixture('feed.xml')));
    assert.equal(res.code, 0, res.stderr);
    const [first, second] = ndjson(res.stdout) as Record<string, any>[];
    assert.deepEqual(first, {
      title: 'Streaming NDJSON through Unix pipes',
      link: { '@rel': 'alternate', '@href': 'https://blog.example.com/2024/ndjson-pipes' },
      id: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a',
      updated: '2024-02-28T09:30:00Z',
      author: { name: 'Zoë Keller', email: 'zoe@example.com' },
      category: [{ '@term': 'unix' }, { '@term': 'json' }],
      summary: { '@type': 'html', '#text': 'Why <b>one process per stage</b> keeps memory flat.' },
      'media:thumbnail': { '@url': 'https://blog.example.com/img/pipes.png', '@width': '120', '@height': '80' },
    });
    assert.equal(second['@xml:lang'], 'de');
    assert.equal(second.title, 'Grüße aus München');
    assert.equal(second.content.div['@xmlns'], 'http://www.w3.org/1999/xhtml');
    assert.equal(second.summary, 'Raw <text> & more, in CDATA');

    // default: every child of the root, whatever its name
    const all = await plugin('xml', ['--mode=read'], readFileSync(fixture('feed.xml')));
    const recs = ndjson(all.stdout) as Record<string, any>[];
    assert.equal(recs.length, 8);
    assert.deepEqual(recs[0], { '@type': 'text', '#text': 'Example Engineering Blog' });
    assert.deepEqual(recs[1], { '#text': 'Notes & news from the team' });
  });

  it('reads a Maven pom.xml', async () => {
    const res = await plugin('xml', ['--mode=read', '--record=dependency'], readFileSync(fixture('pom.xml')));
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(ndjson(res.stdout), [
      { groupId: 'org.springframework.boot', artifactId: 'spring-boot-starter-web' },
      {
        groupId: 'com.fasterxml.jackson.core',
        artifactId: 'jackson-databind',
        version: '2.17.0',
        exclusions: { exclusion: { groupId: '*', artifactId: '*' } },
      },
      { groupId: 'org.junit.jupiter', artifactId: 'junit-jupiter', version: '5.10.2', scope: 'test' },
    ]);
    const project = await plugin('xml', ['--mode=read', '--record=project'], readFileSync(fixture('pom.xml')));
    const [p] = ndjson(project.stdout) as Record<string, any>[];
    assert.equal(p['@xmlns'], 'http://maven.apache.org/POM/4.0.0');
    assert.equal(p['@xmlns:xsi'], 'http://www.w3.org/2001/XMLSchema-instance');
    assert.match(p['@xsi:schemaLocation'], /^http:\/\/maven\.apache\.org\/POM\/4\.0\.0 https:/);
    assert.equal(p.properties['java.version'], '17');
    assert.equal(p.dependencies.dependency.length, 3);
  });

  it('empty or whitespace-only input gives nothing', async () => {
    for (const input of ['', '  \n']) {
      const res = await plugin('xml', ['--mode=read'], input);
      assert.deepEqual([res.code, res.stdout, res.stderr], [0, '', ''], JSON.stringify(input));
    }
  });
});

describe('xml plugin: read errors', () => {
  const cases: [string, string, string, string][] = [
    ['a mismatched close tag (the record it closes is not written)', '<a>\n<b>1</b>\n<c>2</d></a>', 'line 3, column 8: invalid XML: unexpected close tag.\n', '{"#text":"1"}\n'],
    ['an undefined entity', '<a>\n<b>x</b>\n<b>&nbsp;</b></a>', 'line 3, column 9: invalid XML: undefined entity.\n', '{"#text":"x"}\n'],
    ['an unclosed document', '<a><b>1</b>\n<b>2', 'line 2, column 4: invalid XML: unclosed tag: b\n', '{"#text":"1"}\n'],
    ['a bad attribute', '<a>\n<b x=1/></a>', 'line 2, column 6: invalid XML: unquoted attribute value.\n', ''],
    [
      'a declared encoding other than UTF-8',
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n<a><b>x</b></a>',
      'line 1: the document declares encoding "ISO-8859-1": read it with ?encoding=ISO-8859-1 (plugin option --encoding=ISO-8859-1)\n',
      '',
    ],
    ['text after the root', '<a><b/></a>\nstray', 'line 2, column 5: invalid XML: text data outside of root node.\n', '{}\n'],
  ];
  for (const [name, input, stderr, stdout] of cases) {
    it(`${name}: one stderr line, exit 1`, async () => {
      const res = await plugin('xml', ['--mode=read'], input);
      assert.equal(res.stderr, stderr);
      assert.equal(res.code, 1);
      assert.equal(res.stdout, stdout);
    });
  }
});

describe('xml plugin: write', () => {
  it('records -> <records><record>...</record></records> with the inverse mapping and escaping', async () => {
    const input =
      JSON.stringify({ '@id': 7, '@q': 'a"b<c>&\t\n', name: 'x & <y> ]]>', tags: ['a', 'b'], none: null, empty: [], obj: { '@k': 'v', '#text': ' t ' }, deep: { a: { b: 1.5 } }, flag: true }) +
      '\n' +
      JSON.stringify({ '#text': 'just text', cr: 'a\r\nb' }) +
      '\n';
    const res = await plugin('xml', ['--mode=write'], input);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(
      res.stdout,
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<records>',
        '  <record id="7" q="a&quot;b&lt;c&gt;&amp;&#9;&#10;">',
        '    <name>x &amp; &lt;y&gt; ]]&gt;</name>',
        '    <tags>a</tags>',
        '    <tags>b</tags>',
        '    <none/>',
        '    <obj k="v"> t </obj>',
        '    <deep>',
        '      <a>',
        '        <b>1.5</b>',
        '      </a>',
        '    </deep>',
        '    <flag>true</flag>',
        '  </record>',
        '  <record>',
        '    just text',
        '    <cr>a&#13;\nb</cr>',
        '  </record>',
        '</records>',
        '',
      ].join('\n'),
    );
    const back = await plugin('xml', ['--mode=read'], res.stdout);
    assert.equal(back.code, 0, back.stderr);
    assert.deepEqual(ndjson(back.stdout), [
      { '@id': '7', '@q': 'a"b<c>&\t\n', name: 'x & <y> ]]>', tags: ['a', 'b'], none: '', obj: { '@k': 'v', '#text': ' t ' }, deep: { a: { b: '1.5' } }, flag: 'true' },
      { cr: 'a\r\nb', '#text': 'just text' },
    ]);
  });

  it('--root and --record name the elements; no records is an empty root', async () => {
    let res = await plugin('xml', ['--mode=write', '--root=feed', '--record=atom:entry'], '{"a":1}\n');
    assert.equal(res.stdout, '<?xml version="1.0" encoding="UTF-8"?>\n<feed>\n  <atom:entry>\n    <a>1</a>\n  </atom:entry>\n</feed>\n');
    res = await plugin('xml', ['--mode=write'], '');
    assert.equal(res.stdout, '<?xml version="1.0" encoding="UTF-8"?>\n<records>\n</records>\n');
  });

  const errors: [string, string, string][] = [
    ['a key that is not an XML name', '{"a":1}\n{"my key":1}\n', 'line 2: key "my key" is not a valid XML name\n'],
    ['an attribute name that is not an XML name', '{"@1x":1}\n', 'line 1: attribute name "1x" is not a valid XML name\n'],
    ['a character XML 1.0 cannot hold', '{"a":"ok"}\n{"a":"bell\\u0007"}\n', 'line 2: value of "a": character U+0007 cannot be written in XML 1.0\n'],
    ['a record that is not an object', '{"a":1}\n[1]\n', 'line 2: expected a JSON object, got array\n'],
    ['invalid JSON', '{"a":1}\n{"a":}\n', `line 2, column 6: invalid JSON: Unexpected token '}', "{"a":}" is not valid JSON\n`],
  ];
  for (const [name, input, stderr] of errors) {
    it(`refuses ${name} (exit 1, line number)`, async () => {
      const res = await plugin('xml', ['--mode=write'], input);
      assert.equal(res.stderr, stderr);
      assert.equal(res.code, 1);
    });
  }
});

/** Seeded records in the form the reader produces (strings only, arrays of 2+
 * items, no nulls or empty containers), so they round-trip exactly. */
function records(seed: number, count: number): Record<string, unknown>[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const words = ['plain', 'say "hi"', "it's", 'a & b', '<tag>', ']]>', '&amp;', 'tab\there', 'new\nline', 'cr\r\nlf', '日本語', 'café', '😀', ' lead', 'trail ', '  ', '', '\\'];
  const text = (): string => pick(words) + pick(words);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const rec: Record<string, unknown> = { '@id': String(i), '@note': text(), name: text(), price: String(Math.round(r() * 1e6) / 100) };
    if (r() < 0.5) rec.tags = Array.from({ length: 2 + Math.floor(r() * 3) }, text);
    rec.nested = { '@lang': pick(['en', 'de', 'ja']), title: text(), 'ns:part': { deeper: [text(), { '@k': 'v', '#text': text() || 'x' }] } };
    if (r() < 0.3) rec.withText = { '@a': '1', '#text': text() || 'x' };
    if (r() < 0.3) rec.mixed = { child: text(), '#text': 'trimmed text' };
    out.push(rec);
  }
  return out;
}

describe('xml plugin: round trip', () => {
  it('seeded records survive write -> read unchanged (reader-shaped records)', async () => {
    const recs = records(7, 400);
    const input = recs.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const written = await plugin('xml', ['--mode=write', '--root=data', '--record=row'], input);
    assert.equal(written.code, 0, written.stderr);
    const back = await plugin('xml', ['--mode=read', '--record=row'], written.stdout);
    assert.equal(back.code, 0, back.stderr);
    assert.deepEqual(ndjson(back.stdout), recs);
  });

  it('what does not survive: numbers/booleans become strings, null and {} become "", [x] becomes x, [] disappears', async () => {
    const input = JSON.stringify({ n: 1.5, b: false, z: null, o: {}, one: ['x'], none: [], nested: [[1, 2], 'y'] }) + '\n';
    const written = await plugin('xml', ['--mode=write'], input);
    const back = await plugin('xml', ['--mode=read'], written.stdout);
    assert.deepEqual(ndjson(back.stdout), [{ n: '1.5', b: 'false', z: '', o: '', one: 'x', nested: ['[1,2]', 'y'] }]);
  });
});

describe('xml plugin: streaming', () => {
  it('reads a ~100 MB document in flat memory', { timeout: 60_000 }, async () => {
    let block = '';
    for (let i = 0; i < 2000; i++) {
      block += `  <entry id="${i}" a:kind="x"><title>Title &amp; ${i}</title><link href="http://example.com/${i}"/><link href="http://example.com/alt/${i}"/><summary>${'lorem ipsum dolor sit amet '.repeat(10)}</summary></entry>\n`;
    }
    const blockBuf = Buffer.from(block);
    const repeats = Math.ceil(100e6 / blockBuf.length);
    const child = spawn('/usr/bin/time', ['-f', 'JN_MAX_RSS_KB=%M', process.execPath, pluginBin('xml'), '--mode=read', '--record=entry'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let lines = 0;
    let tail = '';
    child.stdout.on('data', (b: Buffer) => {
      for (let k = b.indexOf(10); k !== -1; k = b.indexOf(10, k + 1)) lines++;
      tail = (tail + b.toString('utf8')).slice(-5000);
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    const done = new Promise<number | null>((resolve) => child.on('close', resolve));
    const write = (b: Buffer | string): Promise<void> =>
      new Promise((resolve) => (child.stdin.write(b) ? resolve() : child.stdin.once('drain', resolve)));
    const started = performance.now();
    await write('<?xml version="1.0"?>\n<feed xmlns:a="urn:a">\n');
    for (let k = 0; k < repeats; k++) await write(blockBuf);
    child.stdin.end('</feed>\n');
    const code = await done;
    const m = /JN_MAX_RSS_KB=(\d+)/.exec(stderr);
    assert.ok(m, `no RSS figure in ${JSON.stringify(stderr)}`);
    assert.equal(stderr.replace(m[0], '').trim(), '');
    assert.equal(code, 0);
    assert.equal(lines, 2000 * repeats);
    const last = JSON.parse(tail.trimEnd().split('\n').pop()!);
    assert.deepEqual(Object.keys(last), ['@id', '@a:kind', 'title', 'link', 'summary']);
    assert.equal(last['@id'], '1999');
    assert.equal(last.link.length, 2);
    const peakMb = Number(m[1]) / 1024;
    const secs = (performance.now() - started) / 1000;
    console.log(`xml read: ${((blockBuf.length * repeats) / 1e6).toFixed(0)} MB in ${secs.toFixed(1)} s, peak RSS ${peakMb.toFixed(1)} MB`);
    assert.ok(peakMb < 150, `peak RSS ${peakMb.toFixed(1)} MB`);
  });

  it('`xml --mode=read | head -n 1` ends quietly with status 0', async () => {
    let doc = '<rows>';
    for (let i = 0; i < 200_000; i++) doc += `<row id="${i}"><v>${i}</v></row>\n`;
    doc += '</rows>';
    const res = await run('bash', ['-c', `"${process.execPath}" "${pluginBin('xml')}" --mode=read | head -n 1; echo "status=\${PIPESTATUS[0]}"`], {
      input: doc,
    });
    assert.equal(res.stderr, '');
    assert.equal(res.stdout, '{"@id":"0","v":"0"}\nstatus=0\n');
  });
});
