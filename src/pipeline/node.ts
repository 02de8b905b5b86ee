// How a stage written in JavaScript is started: with this Node and a smaller
// young generation, and with the environment its work needs.

// V8's default semi-space (16 MiB) lets garbage pile up before each scavenge;
// 4 MiB keeps a streaming stage's peak RSS lower and flatter (csv read of
// 100 MB vs 1 GB: 117 -> 123 MB by default, 85 -> 89 MB with 4 MiB) at the
// same speed.
const NODE_STAGE_FLAGS = ['--max-semi-space-size=4'];

export function nodeStage(script: string, args: string[] = []): { command: string; args: string[] } {
  return { command: process.execPath, args: [...NODE_STAGE_FLAGS, script, ...args] };
}

/** Node reads the CA bundle named by NODE_EXTRA_CA_CERTS at start-up, TLS or
 * not: ~50 ms per process (measured with Debian's 140-certificate bundle). */
const CA = 'NODE_EXTRA_CA_CERTS';
/** Where the value waits for a stage that needs it: dist/jn.js's `#!` line
 * moves it there, and every stage gets it, so that a jn stage (`jn cat URL`
 * in the shell) gives it back to the stage it starts that speaks TLS. */
const CA_ASIDE = 'JN_EXTRA_CA_CERTS';

/** The environment a stage starts with: NODE_EXTRA_CA_CERTS only if the
 * stage speaks TLS, and the value set aside for the others. */
export function stageEnv(env: NodeJS.ProcessEnv, tls: boolean): NodeJS.ProcessEnv {
  const ca = env[CA] || env[CA_ASIDE];
  if (!ca) return env;
  const out: NodeJS.ProcessEnv = { ...env, [CA_ASIDE]: ca };
  if (tls) out[CA] = ca;
  else delete out[CA];
  return out;
}
