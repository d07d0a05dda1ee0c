// The built-in hardware profiles. The JSON files in profiles/ are the source
// of truth; they are imported (bundled) here so that browsers get them without
// reading files. Each is validated on first use.
import cortexM0plus from '../../profiles/cortex-m0plus.json' with { type: 'json' };
import cortexM4 from '../../profiles/cortex-m4.json' with { type: 'json' };
import esp32c3 from '../../profiles/esp32-c3.json' with { type: 'json' };
import loihi from '../../profiles/loihi.json' with { type: 'json' };
import loihi2 from '../../profiles/loihi2.json' with { type: 'json' };
import spinnaker from '../../profiles/spinnaker.json' with { type: 'json' };
import spinnaker2 from '../../profiles/spinnaker2.json' with { type: 'json' };
import truenorth from '../../profiles/truenorth.json' with { type: 'json' };
import xylo from '../../profiles/xylo.json' with { type: 'json' };
import { validateProfile, type Profile } from './profile.js';

const RAW: Record<string, unknown> = {
  loihi, loihi2, truenorth, spinnaker, spinnaker2, xylo, 'cortex-m4': cortexM4, 'cortex-m0plus': cortexM0plus, 'esp32-c3': esp32c3,
};
const cache = new Map<string, Profile>();

/** Names of the built-in profiles, in table order. */
export const BUILTIN_PROFILE_NAMES: readonly string[] = Object.keys(RAW);

export function getProfile(name: string): Profile {
  const hit = cache.get(name);
  if (hit) return hit;
  // own keys only: "constructor" or "toString" are no profile (they reached structuredClone and failed as a DataCloneError)
  const raw = Object.hasOwn(RAW, name) ? RAW[name] : undefined;
  if (raw === undefined) throw new RangeError(`profile "${name}" is unknown; built-in profiles: ${BUILTIN_PROFILE_NAMES.join(', ')} (or give a profile file)`);
  const p = validateProfile(structuredClone(raw), `profiles/${name}.json`);
  cache.set(name, p);
  return p;
}

export function builtinProfiles(): Profile[] {
  return BUILTIN_PROFILE_NAMES.map(getProfile);
}
