// Hiding secrets (profile values from the environment, -H header values) in
// text that is shown: stage messages, `jn inspect`, `jn profile info`.

/** Replace every occurrence of each secret by ****, longest secrets first
 * (so a secret that contains another is masked whole). */
export function maskSecrets(text: string, secrets: readonly string[] | undefined): string {
  if (!secrets?.length) return text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s) text = text.split(s).join('****');
  return text;
}
