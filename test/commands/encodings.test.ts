// Text encodings end to end: `jn cat FILE?encoding=...` for every text
// reader, BOMs found without being asked, invalid UTF-8 refused with one
// line naming line and byte (exit 3) after the records before it, and jn
// filter still reading invalid UTF-8 as jq does (U+FFFD). Inputs are
// generated (seeded) into a temp dir.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, ndjson, plugin, rng, splitMark, tempDir } from '../helpers.ts';

const dir = tempDir('jn-encodings-');
const HINT = 'if the file is Latin-1 or Windows-1252, read it with ?encoding=latin1 or ?encoding=cp1252';

// Windows-1252's characters in 0x80-0x9F (those used here).
const CP1252: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, Š: 0x8a, œ: 0x9c };

function encode(text: string, encoding: string): Buffer {
  switch (encoding) {
    case 'latin1':
      return Buffer.from(text, 'latin1');
    case 'cp1252':
      return Buffer.from([...text].map((c) => CP1252[c] ?? c.charCodeAt(0)));
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be':
      return Buffer.from(text, 'utf16le').swap16();
    default:
      return Buffer.from(text, 'utf8');
  }
}

/** Seeded records whose texts the encoding can hold. */
function records(encoding: string, n = 40): { id: number; name: string; note: string }[] {
  const next = rng(encoding.length * 31 + 5);
  const letters = ['a', 'b', 'é', 'ü', 'ß', 'ñ', 'Ø', '×', 'ÿ', ' '];
  if (encoding === 'cp1252') letters.push('€', '“', '”', '—', 'Š', 'œ');
  if (encoding.startsWith('utf')) letters.push('✓', '中', '😀', '€');
  const word = (): string => Array.from({ length: 1 + Math.floor(next() * 8) }, () => letters[Math.floor(next() * letters.length)]).join('');
  return Array.from({ length: n }, (_, id) => ({ id, name: word(), note: word() }));
}

function text(format: string, recs: ReturnType<typeof records>): string {
  if (format === 'csv') return 'id,name,note\n' + recs.map((r) => `${r.id},"${r.name}","${r.note}"`).join('\r\n') + '\n';
  if (format === 'jsonl') return recs.map((r) => JSON.stringify(r)).join('\n') + '\n';
  return '[\n' + recs.map((r) => '  ' + JSON.stringify(r)).join(',\n') + '\n]\n';
}

async function cat(name: string, bytes: Buffer, params = ''): Promise<{ code: number | null; records: unknown[]; stderr: string }> {
  writeFileSync(join(dir, name), bytes);
  const r = await jn(['cat', name + params], { cwd: dir });
  // a failed read ends with the failure mark (src/kit/mark.ts), carrying the status
  const out = r.code === 0 ? r.stdout : splitMark(r.stdout);
  if (typeof out !== 'string') assert.equal((out.mark as { status: number }).status, r.code);
  return { code: r.code, records: ndjson(typeof out === 'string' ? out : out.records), stderr: r.stderr };
}

describe('jn cat reads csv, jsonl and json in other encodings', () => {
  const cases: [string, string, string][] = [
    // what, how the bytes are written, the address params
    ['latin1', 'latin1', '?encoding=latin1'],
    ['cp1252', 'cp1252', '?encoding=cp1252'],
    ['UTF-16LE with a BOM (found)', 'utf-16le+bom', ''],
    ['UTF-16BE with a BOM (found)', 'utf-16be+bom', ''],
    ['UTF-16LE without a BOM', 'utf-16le', '?encoding=utf-16le'],
    ['UTF-16BE without a BOM', 'utf-16be', '?encoding=UTF-16BE'],
    ['UTF-8 with a BOM', 'utf-8+bom', ''],
  ];
  for (const format of ['csv', 'jsonl', 'json']) {
    for (const [what, how, params] of cases) {
      it(`${format}: ${what}`, async () => {
        const [encoding, bom] = how.split('+');
        const recs = records(encoding);
        const bytes = encode((bom ? '\ufeff' : '') + text(format, recs), encoding);
        const r = await cat(`${encoding}${bom ? '-bom' : ''}.${format}`, bytes, params);
        assert.equal(r.stderr, '');
        assert.equal(r.code, 0);
        assert.deepEqual(r.records, recs);
      });
    }
  }

  it('cp1252 and latin1 differ in 0x80-0x9F, and each keeps every byte', async () => {
    const bytes = Buffer.from('{"s":"\x80\x93x\x94\x81"}\n', 'latin1');
    assert.deepEqual((await cat('c1.jsonl', bytes, '?encoding=cp1252')).records, [{ s: '€“x”\x81' }]);
    assert.deepEqual((await cat('c1.jsonl', bytes, '?encoding=latin1')).records, [{ s: '\x80\x93x\x94\x81' }]);
  });
});

describe('invalid UTF-8 is refused: exit 3, one line naming line and byte, the records before it kept', () => {
  const good = records('utf-8', 5);
  for (const format of ['csv', 'jsonl', 'json']) {
    it(format, async () => {
      const latin1 = records('latin1', 3).map((r, i) => ({ ...r, name: `Jos\xe9 ${i}` }));
      const all = [...good, ...latin1];
      const whole = text(format, all);
      const k = whole.indexOf('Jos\xe9');
      const bytes = Buffer.concat([Buffer.from(whole.slice(0, k), 'utf8'), Buffer.from(whole.slice(k), 'latin1')]);
      const bad = bytes.indexOf('Jos\xe9', 0, 'latin1') + 3;
      const line = bytes.subarray(0, bad).toString('latin1').split('\n').length;
      const r = await cat(`bad.${format}`, bytes);
      assert.equal(r.code, 3);
      assert.equal(r.stderr, `jn: ${format} read: bad.${format}: line ${line}, byte ${bad}: invalid UTF-8 (0xE9); ${HINT}\n`);
      assert.deepEqual(r.records, good);
    });
  }

  it('a Latin-1 file read with ?encoding=latin1 instead gives every record', async () => {
    const recs = records('latin1');
    const r = await cat('fixed.csv', encode(text('csv', recs), 'latin1'), '?encoding=latin1');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.records, recs);
  });

  it('an unknown encoding is a usage error (exit 2)', async () => {
    const r = await cat('x.csv', Buffer.from('a\n1\n'), '?encoding=klingon');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^jn: csv read: x\.csv\?encoding=klingon: --encoding: unknown encoding "klingon" \(utf-8, latin1, cp1252, [^\n]+\)\n$/);
  });
});

describe('the other text readers take ?encoding= too', () => {
  const cases: [string, string, unknown[]][] = [
    ['tsv', 'name\tcity\nJosé\tZürich\n', [{ name: 'José', city: 'Zürich' }]],
    ['yaml', 'name: José\ncity: Zürich\n', [{ name: 'José', city: 'Zürich' }]],
    ['toml', 'name = "José"\ncity = "Zürich"\n', [{ name: 'José', city: 'Zürich' }]],
    ['xml', '<?xml version="1.0"?>\n<r><p><name>José</name></p></r>\n', [{ name: 'José' }]],
    ['md', '| name | city |\n| --- | --- |\n| José | Zürich |\n', [{ name: 'José', city: 'Zürich' }]],
  ];
  for (const [ext, doc, expected] of cases) {
    it(`${ext}: latin1 with ?encoding=latin1, refused without`, async () => {
      const bytes = Buffer.from(doc, 'latin1');
      const ok = await cat(`l1.${ext}`, bytes, '?encoding=latin1');
      assert.equal(ok.stderr, '');
      assert.deepEqual(ok.records, expected);
      const bad = await cat(`l1.${ext}`, bytes);
      assert.equal(bad.code, 3);
      const at = bytes.indexOf(0xe9);
      const line = bytes.subarray(0, at).toString('latin1').split('\n').length;
      assert.match(bad.stderr, new RegExp(`^jn: [a-z]+ read: l1\\.${ext}: line ${line}, byte ${at}: invalid UTF-8 \\(0xE9\\); `));
    });
  }

  it('xml: a declared encoding is read with ?encoding=, and a UTF-16 file with a BOM as it declares', async () => {
    const doc = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<r><p><name>José</name></p></r>\n';
    const declared = await cat('declared.xml', Buffer.from(doc, 'latin1'), '?encoding=ISO-8859-1');
    assert.deepEqual([declared.code, declared.records], [0, [{ name: 'José' }]]);
    const refused = await cat('declared.xml', Buffer.from(doc.replace('José', 'Jose'), 'latin1'));
    assert.equal(refused.code, 3);
    assert.equal(refused.stderr, 'jn: xml read: declared.xml: line 1: the document declares encoding "ISO-8859-1": read it with ?encoding=ISO-8859-1 (plugin option --encoding=ISO-8859-1)\n');
    const utf16 = await cat('utf16.xml', encode('\ufeff' + doc.replace('ISO-8859-1', 'UTF-16'), 'utf-16be'));
    assert.deepEqual([utf16.code, utf16.records], [0, [{ name: 'José' }]]);
  });

  it('every text reader lists --encoding; the binary and database ones do not', async () => {
    for (const name of ['csv', 'tsv', 'json', 'jsonl', 'yaml', 'toml', 'xml', 'markdown', 'xlsx', 'gz', 'sqlite']) {
      const meta = JSON.parse((await plugin(name, ['--jn-meta'])).stdout) as { options: { name: string }[] };
      const has = meta.options.some((o) => o.name === 'encoding');
      assert.equal(has, !['xlsx', 'gz', 'sqlite'].includes(name), name);
    }
  });
});

describe('writers read their NDJSON as UTF-8 too: checked, a BOM dropped', () => {
  for (const format of ['csv', 'json', 'yaml']) {
    it(`jn put out.${format}: invalid UTF-8 on stdin is exit 3 naming line and byte; a BOM is dropped`, async () => {
      const bad = await jn(['put', `bad.${format}`], { cwd: dir, input: Buffer.from('{"a":"x"}\n{"a":"Jos\xe9"}\n', 'latin1') });
      assert.equal(bad.code, 3);
      assert.equal(bad.stderr, `jn: ${format} write: bad.${format}: line 2, byte 19: invalid UTF-8 (0xE9); ${HINT}\n`);
      const bom = await jn(['put', `bom.${format}`], { cwd: dir, input: Buffer.from('\ufeff{"a":"é"}\n', 'utf8') });
      assert.deepEqual([bom.code, bom.stderr], [0, '']);
      assert.deepEqual(ndjson((await jn(['cat', `bom.${format}`], { cwd: dir })).stdout), [{ a: 'é' }]);
    });
  }
});

describe('jn filter keeps reading invalid UTF-8 as jq does', () => {
  it('U+FFFD for the bad byte, exit 0, in JSON, raw (-R) and raw slurped (-Rs) input', async () => {
    const input = Buffer.from('"a\xe9b"\n', 'latin1');
    const json = await jn(['filter', '.'], { input });
    assert.deepEqual([json.code, json.stdout, json.stderr], [0, '"a\ufffdb"\n', '']);
    const raw = await jn(['filter', '-R', '.'], { input });
    assert.deepEqual([raw.code, raw.stdout], [0, '"\\"a\ufffdb\\""\n']);
    const slurped = await jn(['filter', '-Rs', '.'], { input });
    assert.deepEqual([slurped.code, slurped.stdout], [0, '"\\"a\ufffdb\\"\\n"\n']);
  });
});
