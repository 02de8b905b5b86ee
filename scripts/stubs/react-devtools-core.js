// Stand-in for react-devtools-core, which ink loads only when DEV=true and
// which jn does not install: bundling needs something to resolve.
export default {
  initialize() {},
  connectToDevTools() {},
};
