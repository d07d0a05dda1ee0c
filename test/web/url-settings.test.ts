// Settings survive a link: every field of a built-in and of a typed system
// comes back equal, and a link with bad values is caught by the validator.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, EXAMPLE_CUSTOM, validateSettings, type Settings } from '../../web/src/engine/settings.js';
import { settingsFromParams, settingsToParams } from '../../web/src/engine/url-settings.js';

const roundTrip = (s: Settings) => settingsFromParams(new URLSearchParams(settingsToParams(s).toString()));

describe('settings in a link', () => {
  it('a built-in system with every field changed comes back equal', () => {
    const s: Settings = { ...DEFAULT_SETTINGS, system: { builtin: 'lorenz' }, N: 77, K: 12, dt: 1e-4, seconds: 42, k: 33.5, eta: 7.25, seed: 9, policy: 'parallel', format: 'loihi' };
    expect(roundTrip(s)).toEqual(s);
  });

  it('a typed vector field (expressions with + and spaces) comes back equal', () => {
    const custom = { ...EXAMPLE_CUSTOM, f: EXAMPLE_CUSTOM.f.slice(0, 2), domain: EXAMPLE_CUSTOM.domain.slice(0, 2) };
    const s: Settings = { ...DEFAULT_SETTINGS, system: { custom } };
    expect(roundTrip(s)).toEqual(s);
  });

  it('no settings in the link: null; bad values: refused by the validator with the field named', () => {
    expect(settingsFromParams(new URLSearchParams(''))).toBeNull();
    const s = settingsFromParams(new URLSearchParams('system=vanderpol&N=-3&dtMs=abc'))!;
    expect(Object.keys(validateSettings(s)).sort()).toEqual(['N', 'dtMs']);
  });
});
