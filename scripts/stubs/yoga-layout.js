// yoga-layout (Ink's layout engine) started synchronously. The package's
// entry awaits its Emscripten loader at the top level, and that loader
// fetches its own wasm from a data: URL with fetch(), which makes Node load
// undici (~100 ms of jn shell's start-up). Here the wasm bytes (taken out of
// the loader at build time: scripts/build.mjs, ink-deps) are compiled and
// instantiated synchronously through the loader's instantiateWasm hook: no
// fetch, no top-level await, so jn shell can be a CommonJS bundle with a code
// cache like every other command.
import loadYoga, { wasmBase64 } from 'jn-yoga-binary';
import wrapAssembly from 'jn-yoga-wrap';

export * from 'jn-yoga-enums';

const module = {
  instantiateWasm(imports, receive) {
    const bytes = Buffer.from(wasmBase64, 'base64');
    receive(new WebAssembly.Instance(new WebAssembly.Module(bytes), imports));
    return {};
  },
};
loadYoga(module);
// with the instance given synchronously, the runtime has run by now
if (!module.calledRun) throw new Error('yoga-layout: the wasm runtime did not start synchronously');
const Yoga = wrapAssembly(module);
export default Yoga;
