// @swc/core as dependency-cruiser sees it, with one change: .tsx files are
// parsed with JSX on. dependency-cruiser 17's swc parser always passes
// { syntax: 'typescript' } without `tsx: true`, so every .tsx file fails to
// parse ("Expected '>', got 'ident'"); its TypeScript parser needs the
// classic `typescript` JS API, which TypeScript 7 (the Go compiler) does not
// ship. Everything else is the real @swc/core, unchanged.
import swc from '@swc/core';

const withTsx = (file, opts) => (String(file).endsWith('.tsx') ? { ...opts, syntax: 'typescript', tsx: true } : opts);

export default {
  ...swc,
  parseFileSync: (file, opts) => swc.parseFileSync(file, withTsx(file, opts)),
  parseFile: (file, opts) => swc.parseFile(file, withTsx(file, opts)),
};
