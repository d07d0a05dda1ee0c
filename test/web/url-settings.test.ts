// Settings survive a link: every field of a built-in and of a typed system
// comes back equal, and a link with bad values is caught by the validator.
import { describe, expect, it } from 'vitest';
import { chipOptionProblem, CHIP_OPTION_LIMITS, PARALLEL_DEFAULTS } from '../../src/spike-rule.js';
import { DEFAULT_SETTINGS, EXAMPLE_CUSTOM, validateSettings, type Settings } from '../../web/src/engine/settings.js';
import { getProfile, BUILTIN_PROFILE_NAMES } from '../../src/emulator/index.js';
import { profileFromParams, profileToParams, settingsFromParams, settingsToParams } from '../../web/src/engine/url-settings.js';

const roundTrip = (s: Settings) => settingsFromParams(new URLSearchParams(settingsToParams(s).toString()));

describe('settings in a link', () => {
  it('a built-in system with every field changed comes back equal', () => {
    const s: Settings = { ...DEFAULT_SETTINGS, system: { builtin: 'lorenz' }, N: 77, K: 12, dt: 1e-4, seconds: 42, k: 33.5, eta: 7.25, seed: 9, policy: 'parallel', chip: { soft: 8.5, refractory: 2, arbitration: 10 }, format: 'loihi' };
    expect(roundTrip(s)).toEqual(s);
  });

  it('the parallel rule\'s options: in the link (the CLI\'s defaults when not set), absent for the other rules', () => {
    const p = settingsToParams({ ...DEFAULT_SETTINGS, policy: 'parallel' });
    expect([p.get('soft'), p.get('refractory'), p.get('arbitration')]).toEqual([null, String(PARALLEL_DEFAULTS.refractory), String(PARALLEL_DEFAULTS.arbitration)]); // soft: automatic unless set
    expect(roundTrip({ ...DEFAULT_SETTINGS, policy: 'parallel' })!.chip).toEqual({ refractory: PARALLEL_DEFAULTS.refractory, arbitration: PARALLEL_DEFAULTS.arbitration });
    expect(settingsToParams({ ...DEFAULT_SETTINGS, policy: 'winner', chip: { soft: 3 } }).has('soft')).toBe(false);
  });

  it('the parallel rule\'s options are checked with the CLI\'s ranges and words (src/spike-rule.ts)', () => {
    const bad = settingsFromParams(new URLSearchParams(`system=vanderpol&policy=parallel&soft=-1&refractory=${CHIP_OPTION_LIMITS.refractory.max + 1}&arbitration=2.5`))!;
    const e = validateSettings(bad);
    expect(e).toEqual({ soft: chipOptionProblem('soft', -1), refractory: chipOptionProblem('refractory', 256), arbitration: chipOptionProblem('arbitration', 2.5) });
    expect(e.refractory).toBe('is not an integer in [0, 255]');
    expect(validateSettings({ ...bad, policy: 'winner' })).toEqual({}); // ignored by the other rules
    expect(validateSettings({ ...bad, chip: { soft: 1000, refractory: 255, arbitration: 0 } })).toEqual({});
  });

  it('a typed vector field (expressions with + and spaces) comes back equal', () => {
    const custom = { ...EXAMPLE_CUSTOM, f: EXAMPLE_CUSTOM.f.slice(0, 2), domain: EXAMPLE_CUSTOM.domain.slice(0, 2) };
    const s: Settings = { ...DEFAULT_SETTINGS, system: { custom } };
    expect(roundTrip(s)).toEqual(s);
  });

  it('the hardware profile: a built-in one by name comes back; an unknown name is refused in the CLI\'s words; a file is named, not held', () => {
    for (const name of BUILTIN_PROFILE_NAMES)
      expect(profileFromParams(new URLSearchParams(profileToParams(settingsToParams(DEFAULT_SETTINGS), { name }).toString()))).toEqual({ builtin: name });
    const words = (() => {
      try {
        getProfile('nosuch');
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(profileFromParams(new URLSearchParams('system=vanderpol&profile=nosuch'))).toEqual({ error: words });
    expect(profileFromParams(new URLSearchParams('profile=constructor'))).toMatchObject({ error: expect.stringMatching(/"constructor" is unknown/) });
    const p = profileToParams(new URLSearchParams(), { name: 'my-chip', file: 'my-chip.json' });
    expect([...p.keys()]).toEqual(['profileFile']);
    expect(profileFromParams(p)).toEqual({ file: 'my-chip.json' });
    expect(profileFromParams(new URLSearchParams('system=vanderpol'))).toBeNull();
  });

  it('no settings in the link: null; bad values: refused by the validator with the field named', () => {
    expect(settingsFromParams(new URLSearchParams(''))).toBeNull();
    const s = settingsFromParams(new URLSearchParams('system=vanderpol&N=-3&dtMs=abc'))!;
    expect(Object.keys(validateSettings(s)).sort()).toEqual(['N', 'dtMs']);
  });
});
