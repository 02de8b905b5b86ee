'use strict';
// Runs a CommonJS bundle of jn (dist/cmd/<command>.js, dist/plugins/code/<name>.js)
// with a V8 code cache: Node 20 has no compile cache of its own
// (module.enableCompileCache is Node 22), and compiling a bundle's source at
// every start, then the functions it calls, is most of what a stage does
// before its first byte. The cache is written once, when the process exits
// (it then holds every function the run compiled), under
// $JN_HOME/cache/v8/ (default ~/.local/jn/cache/v8/): one file per bundle,
// Node version and flags, valid while the bundle's size and mtime are the
// same (V8 itself checks its version, its flags and the source's length,
// not its text). Any failure to read or write the cache only costs the
// compile. Copied to dist/load.js by scripts/build.mjs.
// CommonJS's Module, without loading the public node:module (and with it
// the ES module loader).
const Module = module.constructor;
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

/** FNV-1a of a string, as 8 hex digits (no crypto: loading it costs more). */
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

function cacheDir() {
  // as src/kit/paths.ts's jnHome(); os.homedir() is $HOME when it is set (and
  // node:os is not loaded for nothing)
  const home = process.env.JN_HOME || path.join(process.env.HOME || require('node:os').homedir(), '.local', 'jn');
  return path.join(home, 'cache', 'v8');
}

/** Read the cache if it was made for this very file: its first line is the key. */
function readCache(file, key) {
  try {
    const data = fs.readFileSync(file);
    const nl = data.indexOf(10);
    return nl > 0 && data.toString('latin1', 0, nl) === key ? data.subarray(nl + 1) : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(file, key, script) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}`;
    fs.writeFileSync(tmp, Buffer.concat([Buffer.from(key + '\n', 'latin1'), script.createCachedData()]), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    /* no cache this time */
  }
}

/** Run the CommonJS file `file` as Node's loader would, with the code cache. */
module.exports = function load(file) {
  const source = fs.readFileSync(file, 'utf8');
  const st = fs.statSync(file);
  const key = `${file} ${st.size} ${st.mtimeMs}`;
  const cacheFile = path.join(cacheDir(), `${path.basename(file, '.js')}-${hash(`${file} ${process.version} ${process.arch} ${process.execArgv.join(' ')}`)}.bin`);
  const cachedData = process.env.JN_CODE_CACHE === '0' ? undefined : readCache(cacheFile, key);
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (process.env.JN_CODE_CACHE !== '0' && (cachedData === undefined || script.cachedDataRejected)) process.once('exit', () => writeCache(cacheFile, key, script));
  const dir = path.dirname(file);
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(dir);
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dir);
};
