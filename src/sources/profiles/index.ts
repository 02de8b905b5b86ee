// Profiles: named sources, `@namespace/name` in any address position. A
// profile is a JSON file `profiles/<type>/<namespace>/<name>.json` at the
// project, user or bundled level (locate.ts), merged over the _meta.json of
// its namespace (tree.ts), with ${VAR}s and {param}s filled in (resolve.ts,
// params.ts). This module is the API the rest of jn uses; docs/profiles.md
// is the user's guide.
import { findAllProfiles } from './locate.js';
import { profileDescription } from './resolve.js';

export { maskSecrets, parseProfileRef, profileInfo, resolveProfile, type ProfileInfo, type ResolvedProfile } from './resolve.js';

export interface ProfileListing {
  ref: string;
  type: string;
  level: string;
  file: string;
  description?: string;
  /** Why the profile (or a _meta under it) cannot be read. */
  error?: string;
}

/** Every profile that a reference resolves to, in priority order (project,
 * user, bundled; then by type, namespace, name), optionally of one type. */
export function listProfiles(type?: string): ProfileListing[] {
  return findAllProfiles()
    .filter((loc) => type === undefined || loc.type === type)
    .map((loc) => {
      const row: ProfileListing = { ref: loc.ref, type: loc.type, level: loc.level, file: loc.file };
      try {
        const description = profileDescription(loc);
        if (description !== undefined) row.description = description;
      } catch (err) {
        row.error = (err as Error).message;
      }
      return row;
    });
}
