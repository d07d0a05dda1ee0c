// The Node side of the bit-exactness checks: the library's own calls, made
// independently of the page's engine (train(), and a free run replayed from
// the page's log of kills and noise changes).
import { KernelExecutor, networkFor, simulate, train, type DynamicalSystem } from '../../../src/index.js';
import type { Settings } from '../../../web/src/engine/settings.js';
import type { Fingerprint, FreeLog } from '../../../web/src/protocol.js';

/** A network built and trained as the CLI would, with the page's settings. */
export function trainInNode(sys: DynamicalSystem, s: Settings): KernelExecutor {
  // networkFor + the system's execution mode, written out here (not the shared builder) so the page's choice is checked independently
  const spec = networkFor(sys, { neurons: s.N, dendrites: s.K, dt: s.dt, policy: s.policy, ...(s.policy === 'parallel' && s.chip ? { chip: s.chip } : {}), seed: s.seed });
  const ex = new KernelExecutor(spec, { format: s.format, mode: sys.mode ?? 'dense' });
  train(ex, sys, { ...(sys.training ?? {}), duration: s.seconds, seed: s.seed, k: s.k, eta: s.eta });
  return ex;
}

/** Replay a free run: reset, lead-in with feedback, then the logged operations, up to `steps` steps since reset. */
export function replayFree(ex: KernelExecutor, sys: DynamicalSystem, log: FreeLog, steps: number): Fingerprint {
  ex.reset();
  ex.setTunables({ k: log.k, eta: 0, noise: log.noise });
  const led = simulate(sys, log.x0, log.leadSteps, ex.dt);
  ex.run({ steps: log.leadSteps, x: led.x, feedback: true });
  let t = log.leadSteps;
  for (const op of log.ops) {
    if (op.step > steps) break;
    ex.run({ steps: op.step - t });
    t = op.step;
    if (op.kind === 'alive') for (const i of op.neurons) ex.setAlive(i, op.alive);
    else if (op.kind === 'noise') ex.setTunables({ noise: op.sigma });
    else {
      // a kick: feedback towards a constant state (the free run keeps k = log.k)
      const x = new Float64Array(op.steps * ex.J).map((_, i) => op.x[i % ex.J]!);
      ex.run({ steps: op.steps, x, feedback: true });
      t += op.steps;
    }
  }
  ex.run({ steps: steps - t });
  return ex.fingerprint();
}

/** The session's weightsHash (KernelExecutor.weightsHash: the learned bits, not the tunables). */
export const weightsHash = (ex: KernelExecutor): number => ex.weightsHash();
