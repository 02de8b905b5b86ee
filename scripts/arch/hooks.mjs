// Module resolve hook (node:module register): when dependency-cruiser imports
// @swc/core, hand it ./swc-tsx.mjs instead (see there for why).
const shim = new URL('./swc-tsx.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === '@swc/core' && context.parentURL?.includes('/node_modules/dependency-cruiser/')) {
    return { url: shim, shortCircuit: true, format: 'module' };
  }
  return next(specifier, context);
}
