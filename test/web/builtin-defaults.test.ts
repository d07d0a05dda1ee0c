// The playground's built-in form defaults are computed at build time
// (scripts/playground-defaults.ts -> web/src/engine/builtin-defaults.ts), so
// the page never runs the automatic configuration at load. They must not go
// stale: the committed file is what the configuration computes now, and each
// system's numbers are what getSystem(name) configures (src/auto/configure.ts).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { getSystem, SYSTEMS, TRAIN_DEFAULTS } from '../../src/index.js';
import { builtinDefaultsSource, BUILTIN_DEFAULTS_FILE } from '../../scripts/playground-defaults.js';
import { BUILTIN_DEFAULTS } from '../../web/src/engine/builtin-defaults.js';
import { fullSeconds, quickSeconds, systemDefaults, trainingPlan } from '../../web/src/engine/settings.js';
import { fromRoot } from '../targets/lib/paths.js';

it('the committed builtin-defaults.ts is what the generator writes now (npm run web:build regenerates it)', () => {
  expect(readFileSync(fromRoot(BUILTIN_DEFAULTS_FILE), 'utf8')).toBe(builtinDefaultsSource());
});

it.each(Object.keys(SYSTEMS))('%s: the page\'s defaults are what the automatic configuration gives at run time', (name) => {
  const sys = getSystem(name);
  const net = sys.network as { neurons: number; dendrites: number; dt: number };
  const tr = { ...TRAIN_DEFAULTS, ...sys.training };
  expect(BUILTIN_DEFAULTS[name]).toEqual({
    network: { neurons: net.neurons, dendrites: net.dendrites, dt: net.dt },
    training: { duration: tr.duration, trialLength: tr.trialLength, k: tr.k, eta: tr.eta },
  });
  const plan = trainingPlan(sys);
  expect(systemDefaults(name)).toEqual({ N: net.neurons, K: net.dendrites, dt: net.dt, seconds: fullSeconds(plan), k: tr.k, eta: tr.eta });
  expect(systemDefaults(name, true).seconds).toBe(quickSeconds(plan));
});

it('covers exactly the built-in systems', () => {
  expect(Object.keys(BUILTIN_DEFAULTS)).toEqual(Object.keys(SYSTEMS));
});
