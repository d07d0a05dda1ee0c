// The --dry-run time estimate. With results in the store: their median wall
// time per job. Without: a calibration on the first pending job, trained twice
// briefly (s and 2s simulated seconds) to separate the fixed cost (assessment,
// energy) from the cost per trained second; each job is then a + b*T, scaled
// linearly with N (the dense step costs O(N*K)). Divided by the engine's width.
import { resolveSystem } from '../commands/common.js';
import { median } from '../evaluate.js';
import { TRAIN_DEFAULTS } from '../train.js';
import type { Planned } from './engine.js';
import type { Job } from './config.js';
import type { Store } from './store.js';

/** Simulated seconds a job trains: its own, the built-in system's default, or the trainer's (a module's own default is not read: importing it would run its code here). */
export async function trainSecondsOf(job: Job): Promise<number> {
  if (typeof job.train.seconds === 'number' && Number.isFinite(job.train.seconds)) return job.train.seconds;
  if (job.moduleSha256) return TRAIN_DEFAULTS.duration;
  const name = job.train.system;
  if (!builtinSeconds.has(name)) builtinSeconds.set(name, (await resolveSystem(name)).training?.duration ?? TRAIN_DEFAULTS.duration);
  return builtinSeconds.get(name)!;
}
const builtinSeconds = new Map<string, number>();

/**
 * A job's cost relative to the others, only to order them (longest first): N times
 * the simulated seconds it runs - training, the assessment's free runs (at least
 * 10 s each, src/assess.ts; ASSESS counts them), eval's seeds (whole and half-killed)
 * and energy's free run per profile (default also at least 10 s). The dense step costs O(N*K), K fixed by the system.
 */
export function relativeCost(job: Job, trainSeconds: number): number {
  const ASSESS = 10;
  const seeds = job.eval ? num(job.eval.seeds, 3) : 0;
  const profiles = Array.isArray(job.energy?.profiles) ? job.energy.profiles.length : job.energy ? 1 : 0;
  return num(job.train.neurons, 50) * (trainSeconds + ASSESS * (1 + 2 * seeds) + num(job.energy?.seconds, ASSESS) * profiles);
}

export interface Estimate {
  seconds: number;
  basis: string;
}

const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);

/** `run` executes one job (the dry run passes a one-thread pool with the sweep's time limit, so a poisoned job cannot hang it). */
export async function estimate(pending: Planned[], store: Store, width: number, run: (job: Job) => Promise<unknown>): Promise<Estimate> {
  if (!pending.length) return { seconds: 0, basis: 'nothing to run' };
  const walls = store.results().map((r) => r.timing.wallSeconds).filter((w) => Number.isFinite(w) && w > 0);
  if (walls.length) return { seconds: (median(walls) * pending.length) / width, basis: `median ${median(walls).toFixed(2)} s per job over ${walls.length} stored results, ${width} at once` };
  const first = pending[0]!.job;
  const trainSeconds = (p: Planned) => trainSecondsOf(p.job);
  const T1 = await trainSeconds(pending[0]!);
  const s = Math.max(0.1, Math.min(1, T1 / 2));
  const time = async (seconds: number) => {
    const t0 = performance.now();
    await run({ ...first, train: { ...first.train, seconds } });
    return (performance.now() - t0) / 1000;
  };
  let w1: number;
  let w2: number;
  try {
    w1 = await time(s);
    w2 = await time(2 * s);
  } catch (e) {
    return { seconds: NaN, basis: `no estimate: the calibration run of job 1 failed (${(e as Error).message})` };
  }
  const b = Math.max(0, (w2 - w1) / s);
  const a = Math.max(0, w1 - b * s);
  const N1 = num(first.train.neurons, 50);
  let total = 0;
  for (const p of pending) total += (a + b * (await trainSeconds(p))) * (num(p.job.train.neurons, 50) / N1);
  return { seconds: total / width, basis: `calibration on job 1 (${a.toFixed(2)} s fixed + ${b.toFixed(2)} s per trained second at N=${N1}, linear in N), ${width} at once` };
}
