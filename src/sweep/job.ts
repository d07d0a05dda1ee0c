// One sweep job, run with the commands' own public functions:
// train (runTrain: train, then assess whole and half-killed) -> eval (runEval,
// when the sweep has an `eval` section) -> energy (runEnergy over the listed
// profiles, when it has an `energy` section). The options objects pass through
// (the CLI's chip and no-search flags gathered as the CLI does, options.ts);
// only file locations are set here, in a private temporary folder
// that is removed afterwards. What comes back is the deterministic part of the
// summaries (no paths, no wall-clock times), hashed so two engines can be
// compared bit for bit.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSystem } from '../commands/common.js';
import { runEnergy, type EnergyCommand } from '../commands/energy.js';
import { runEval } from '../commands/eval.js';
import { runTrain, type TrainCommand } from '../commands/train.js';
import { loadModel } from '../node/files.js';
import type { Job } from './config.js';
import { canonical, sha256 } from './key.js';
import { trainOptions } from './options.js';
import type { JobResult } from './store.js';

/** The parts of a summary that are the same on every run: drop paths and timings. */
function deterministic<T extends object>(o: T, drop: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !drop.includes(k)));
}

export async function runJob(job: Job): Promise<JobResult> {
  const { system: name, ...options } = job.train;
  if (job.moduleSha256) {
    let now: string;
    try {
      now = sha256(readFileSync(name));
    } catch (e) {
      throw new Error(`system module ${name} cannot be read here (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); every worker needs it at the same path`);
    }
    if (now !== job.moduleSha256) throw new Error(`system module ${name} differs from the one the sweep was planned with (sha256 ${now.slice(0, 12)} != ${job.moduleSha256.slice(0, 12)})`);
  }
  for (const [f, want] of Object.entries(job.profileSha256 ?? {})) {
    const now = existsSync(f) ? sha256(readFileSync(f)) : 'missing';
    if (now !== want) throw new Error(`energy profile ${f} ${now === 'missing' ? 'is missing here' : 'differs from the one the sweep was planned with'}; every worker needs the same file at the same path`);
  }
  const system = await resolveSystem(name);
  const dir = mkdtempSync(join(tmpdir(), 'ebnkit-job-'));
  try {
    const model = join(dir, 'model.ebn');
    const module = job.moduleSha256 ? { systemModule: name } : {};
    const t = runTrain({ ...trainOptions(options), ...module, system, out: model, quiet: true, refuseUseless: false } as TrainCommand);
    const loaded = loadModel(model);
    const ev = job.eval ? await runEval(model, { ...job.eval, ...(job.moduleSha256 ? { system: name } : {}) }) : undefined;
    const en = job.energy
      ? await runEnergy({ ...job.energy, model, loaded, systemObject: system, outDir: dir } as unknown as EnergyCommand)
      : undefined;
    const body = {
      imageSha256: sha256(loaded.image),
      specSha256: sha256(JSON.stringify(loaded.spec)),
      train: deterministic(t, ['wallSeconds', 'files']),
      ...(ev ? { eval: deterministic(ev, ['model']) } : {}),
      ...(en ? { energy: { ...deterministic(en, ['model', 'files', 'results']), results: en.results.map((r) => deterministic(r, ['detail'])) } } : {}),
    };
    // through JSON once, so the hash is of exactly what the store will hold
    const stored = JSON.parse(JSON.stringify(body)) as Omit<JobResult, 'hash'>;
    return { hash: sha256(canonical(stored)), ...stored };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
