#!/usr/bin/env node
// Runs dependency-cruiser's own CLI (arguments passed through) with .tsx
// parsing fixed for its swc parser; see ./swc-tsx.mjs.
//   node scripts/arch/depcruise.mjs --config .dependency-cruiser.cjs src plugins
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

register('./hooks.mjs', import.meta.url);
// The package's main is src/main/index.mjs; its CLI is bin/dependency-cruise.mjs.
const bin = fileURLToPath(new URL('../../bin/dependency-cruise.mjs', import.meta.resolve('dependency-cruiser')));
process.argv = [process.argv[0], bin, ...process.argv.slice(2)];
await import(bin);
