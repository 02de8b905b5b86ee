// jn edit EDIT... — small in-place edits of each record without writing jq
// (JN's jn-edit): `.name=Alice .age:=30 --del .tmp --append .tags=new
// --merge '{"a":1}'`, applied in order. The edits are read and applied by
// src/edit/; records keep their keys' order and numbers' text.
import { Output } from '../kit/io.js';
import { DataError, EXIT } from '../kit/exit.js';
import { parseLosslessLine, stringifyLossless, type LosslessObject } from '../kit/lossless.js';
import { expectObject, readRecords } from '../kit/records.js';
import { applyEdits, EditError } from '../edit/apply.js';
import { parseEdits } from '../edit/edits.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'edit',
  description: 'Edit each record: set, delete, append to or merge into fields, without writing jq.',
  arguments: [{ name: '[edits...]', description: 'PATH=TEXT (a string), PATH:=JSON (any JSON value), --del PATH, --append PATH=TEXT, --prepend PATH=TEXT, --merge JSON; applied in order' }],
  helpAfter: [
    'Edits (in the order given; paths as in jq: .a.b, .tags[0], .tags[-1], ."a b"):',
    '  .name=Alice              set a string (missing objects on the path are created)',
    '  .age:=30                 set a JSON value (number, true, null, {...}, [...])',
    '  --del .tmp               delete a field or array element',
    '  --append .tags=new       add to the end of an array (also: --append .tags new, .tags:=JSON)',
    '  --prepend .tags=first    add to the start of an array',
    '  --merge \'{"a":1}\'        merge an object in (objects merge key by key; null sets null)',
    'Example: jn cat users.csv | jn edit .active:=true --del .password',
  ].join('\n'),
  allowUnknownOption: true,
  stage: true,
  streams: true,
};

export function run({ args }: Invocation): number {
  const edits = parseEdits(args[0] as string[]);
  const out = new Output(1);
  for (const [value, lineNo] of readRecords(0, parseLosslessLine)) {
    expectObject(value, lineNo);
    try {
      applyEdits(value as LosslessObject, edits);
    } catch (err) {
      if (err instanceof EditError) throw new DataError(err.message, lineNo);
      throw err;
    }
    out.write(stringifyLossless(value) + '\n');
  }
  out.flush();
  return EXIT.OK;
}
