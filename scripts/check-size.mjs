#!/usr/bin/env node
// Size limits for source files, checked by `npm run lint:arch`:
//   - a file in src/ or plugins/ has at most MAX_FILE_LINES lines;
//   - a function (declaration, method, getter/setter, arrow or function
//     expression, React components included) spans at most MAX_FUNCTION_LINES
//     lines, from the line it starts on to the line it ends on. Functions
//     nested inside it are inside that span, so they count toward it.
// Parsed with oxc-parser (a real TS/TSX parser), not with regexes.
//   node scripts/check-size.mjs [dir-or-file...]   (default: src plugins)
// Exit 0 when everything is within the limits, 1 otherwise (offenders are
// printed as path:line and their length), 2 when a file cannot be parsed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from 'oxc-parser';

export const MAX_FILE_LINES = 600;
export const MAX_FUNCTION_LINES = 100;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

function sourceFiles(path, out = []) {
  if (statSync(path).isDirectory()) {
    for (const e of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === 'node_modules') continue;
      sourceFiles(join(path, e.name), out);
    }
  } else if (SOURCE.test(path)) out.push(path);
  return out;
}

/** Offsets of the start of each line, for offset -> 1-based line. */
function lineIndex(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const keyName = (key) => (key?.type === 'Identifier' || key?.type === 'PrivateIdentifier' ? key.name : key?.type === 'Literal' ? String(key.value) : '[computed]');

/** A readable name for a function node, from itself or where it sits. */
function functionName(node, parent) {
  if (node.id?.name) return node.id.name;
  if (!parent) return '(anonymous)';
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.id?.type === 'Identifier' ? parent.id.name : '(anonymous)';
    case 'MethodDefinition':
    case 'Property':
    case 'PropertyDefinition':
    case 'TSAbstractMethodDefinition':
      return keyName(parent.key);
    case 'AssignmentExpression':
      return parent.left?.type === 'MemberExpression' ? `${keyName(parent.left.property)}` : parent.left?.name ?? '(anonymous)';
    case 'CallExpression':
      return `(callback of ${parent.callee?.type === 'Identifier' ? parent.callee.name : parent.callee?.type === 'MemberExpression' ? keyName(parent.callee.property) : 'call'})`;
    default:
      return '(anonymous)';
  }
}

/** Check one file's text; returns its offenders. */
export function checkSource(file, text, limits = { file: MAX_FILE_LINES, fn: MAX_FUNCTION_LINES }) {
  const offenders = [];
  const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
  if (lines > limits.file) offenders.push({ file, line: 1, kind: 'file', name: '', length: lines, limit: limits.file });
  const parsed = parseSync(file, text, { lang: /\.tsx$/.test(file) ? 'tsx' : undefined });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    throw new Error(`${file}: cannot parse: ${e.message}`);
  }
  const lineOf = lineIndex(text);
  const walk = (node, parent) => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, parent);
      return;
    }
    if (node === null || typeof node !== 'object' || typeof node.type !== 'string') return;
    if (FUNCTION_TYPES.has(node.type) && node.body) {
      // A method's span starts at its name, not at its parameter list.
      const from = parent && /MethodDefinition|^Property$/.test(parent.type) && parent.value === node ? parent : node;
      const start = lineOf(from.start);
      const length = lineOf(node.end) - start + 1;
      if (length > limits.fn) offenders.push({ file, line: start, kind: 'function', name: functionName(node, parent), length, limit: limits.fn });
    }
    for (const key of Object.keys(node)) {
      if (key === 'type' || key === 'start' || key === 'end' || key === 'range' || key === 'loc') continue;
      const child = node[key];
      if (child !== null && typeof child === 'object') walk(child, node);
    }
  };
  walk(parsed.program, null);
  return offenders;
}

function main(args) {
  const targets = args.length > 0 ? args : [join(root, 'src'), join(root, 'plugins')];
  const offenders = [];
  let files = 0;
  for (const target of targets) {
    for (const file of sourceFiles(target)) {
      files++;
      try {
        offenders.push(...checkSource(file, readFileSync(file, 'utf8')));
      } catch (e) {
        console.error(e instanceof Error ? e.message : String(e));
        return 2;
      }
    }
  }
  const show = (p) => {
    const r = relative(process.cwd(), p);
    return r.startsWith('..') ? p : r;
  };
  for (const o of offenders) {
    console.log(o.kind === 'file'
      ? `${show(o.file)}:1  file has ${o.length} lines (limit ${o.limit})`
      : `${show(o.file)}:${o.line}  function ${o.name} spans ${o.length} lines (limit ${o.limit})`);
  }
  const nFiles = offenders.filter((o) => o.kind === 'file').length;
  const nFns = offenders.length - nFiles;
  if (offenders.length > 0) {
    console.log(`\ncheck-size: ${nFiles} file(s) over ${MAX_FILE_LINES} lines, ${nFns} function(s) over ${MAX_FUNCTION_LINES} lines (${files} files checked)`);
    return 1;
  }
  console.log(`check-size: ${files} files within ${MAX_FILE_LINES} lines a file and ${MAX_FUNCTION_LINES} lines a function`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));
