// JN's demos/json-editing: surgical edits with jn edit (`.path=string`,
// `.path:=json`, --del, --append, --merge), compared with the demo's
// expected.txt. The demo spells the command `jn-edit`; jn's is `jn edit`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo } from './demo.ts';

const files = {
  'sample.json': `{
  "name": "Alice",
  "age": 30,
  "email": "alice@example.com",
  "active": true,
  "tags": ["developer", "admin"],
  "profile": {
    "bio": "Software engineer",
    "location": "NYC",
    "social": {
      "twitter": "@alice",
      "github": "alice"
    }
  },
  "settings": {
    "theme": "light",
    "notifications": true
  }
}
`,
  'users.jsonl': [
    '{"id":1,"name":"Alice","role":"admin","active":true}',
    '{"id":2,"name":"Bob","role":"user","active":false}',
    '{"id":3,"name":"Carol","role":"user","active":true}',
    '{"id":4,"name":"Dave","role":"guest","active":false}',
  ].join('\n') + '\n',
};

const alice = (o: { name?: string; age?: number; email?: boolean; tags?: string; location?: string } = {}) =>
  `{"name":"${o.name ?? 'Alice'}","age":${o.age ?? 30},${o.email === false ? '' : '"email":"alice@example.com",'}"active":true,"tags":[${o.tags ?? '"developer","admin"'}],"profile":{"bio":"Software engineer","location":"${o.location ?? 'NYC'}","social":{"twitter":"@alice","github":"alice"}},"settings":{"theme":"light","notifications":true}}`;

// demos/json-editing/expected.txt (the long record lines built by alice())
const EXPECTED = `=== JSON Editing Demo ===

1. Set a string value:
${alice({ name: 'Bob' })}

2. Set a numeric value (use :=):
${alice({ age: 25 })}

3. Set a nested field:
${alice({ location: 'Boston' })}

4. Delete a field:
${alice({ email: false })}

5. Multiple edits in one command:
${alice({ name: 'Charlie', age: 35 })}

6. Append to an array:
${alice({ tags: '"developer","admin","moderator"' })}

7. Merge a partial object:
${alice({ name: 'Eve', age: 28 })}

8. Edit all records in NDJSON stream:
{"id":1,"name":"Alice","role":"admin","active":true,"verified":true}
{"id":2,"name":"Bob","role":"user","active":false,"verified":true}
{"id":3,"name":"Carol","role":"user","active":true,"verified":true}
{"id":4,"name":"Dave","role":"guest","active":false,"verified":true}

=== Done ===
`;

describe('JN demo: json-editing (jn edit)', () => {
  it("the demo's command lines print its expected.txt (jn-edit written jn edit)", async () => {
    const d = demo(files);
    const text = await d.transcript('JSON Editing Demo', [
      { title: '1. Set a string value:', line: 'jn cat sample.json | jn edit .name=Bob' },
      { title: '2. Set a numeric value (use :=):', line: 'jn cat sample.json | jn edit .age:=25' },
      { title: '3. Set a nested field:', line: 'jn cat sample.json | jn edit .profile.location=Boston' },
      { title: '4. Delete a field:', line: 'jn cat sample.json | jn edit --del .email' },
      { title: '5. Multiple edits in one command:', line: 'jn cat sample.json | jn edit .name=Charlie .age:=35' },
      { title: '6. Append to an array:', line: 'jn cat sample.json | jn edit --append .tags moderator' },
      { title: '7. Merge a partial object:', line: `jn cat sample.json | jn edit --merge '{"name": "Eve", "age": 28}'` },
      { title: '8. Edit all records in NDJSON stream:', line: 'jn cat users.jsonl | jn edit .verified:=true' },
    ]);
    assert.equal(text, EXPECTED);
  });
});
