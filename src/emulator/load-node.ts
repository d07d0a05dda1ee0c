// Node only: read a user's profile file (or a built-in one by name).
import { readFileSync } from 'node:fs';
import { getProfile } from './builtin-profiles.js';
import { parseProfile, ProfileError, type Profile } from './profile.js';

/** A built-in profile by name, or a profile file by path (anything ending in .json or containing a slash). */
export function loadProfile(nameOrPath: string): Profile {
  if (!/\.json$/i.test(nameOrPath) && !/[\\/]/.test(nameOrPath)) return getProfile(nameOrPath);
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch (e) {
    throw new ProfileError('profile', `cannot read the file (${(e as Error).message})`, nameOrPath);
  }
  return parseProfile(text, nameOrPath);
}
