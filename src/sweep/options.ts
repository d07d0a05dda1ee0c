// The option names a sweep file may set in each section, and how the CLI-only
// spellings among them become the options of the command's public function.
//
// A name outside these lists is refused when the file is read (a typo such as
// `nuerons` would otherwise be dropped silently and every job would run at the
// default). The lists are tied to the functions' option types: each listed
// function option must be a key of that type (`satisfies`), and every key of
// the type must be either listed or named as set by the job itself (the
// `Record<…, never>` objects below stop compiling when a command gains an
// option that is in neither, so `npm run typecheck` catches a missing entry).
import type { EnergyCommand } from '../commands/energy.js';
import type { runEval } from '../commands/eval.js';
import type { TrainCommand } from '../commands/train.js';
import type { RelativeChipOptions } from '../spike-rule.js';
import type { Section } from './config.js';

type EvalOptions = NonNullable<Parameters<typeof runEval>[1]>;

const TRAIN = ['system', 'seconds', 'neurons', 'seed', 'executor', 'format', 'mode', 'policy', 'search'] as const satisfies readonly (keyof TrainCommand)[];
/** The CLI's chip flags (options of `policy: parallel`), gathered into TrainCommand.chip. */
const CHIP = ['soft', 'refractory', 'arbitration'] as const satisfies readonly (keyof RelativeChipOptions)[];
const EVAL = ['seeds', 'executor', 'format'] as const satisfies readonly (keyof EvalOptions)[];
const ENERGY = ['profiles', 'slowPath', 'policy', 'executor', 'seconds', 'perCore', 'cyclesPerStep', 'seed'] as const satisfies readonly (keyof EnergyCommand)[];

// Set by the job (src/sweep/job.ts), never by the sweep file: file locations,
// loaded objects, the module path, quietness; `chip` is spelt by its flags.
const trainByJob: Record<Exclude<keyof TrainCommand, (typeof TRAIN)[number] | 'chip' | 'systemModule' | 'out' | 'quiet' | 'refuseUseless'>, never> = {};
const evalByJob: Record<Exclude<keyof EvalOptions, (typeof EVAL)[number] | 'system'>, never> = {};
const energyByJob: Record<Exclude<keyof EnergyCommand, (typeof ENERGY)[number] | 'model' | 'outDir' | 'loaded' | 'systemObject' | 'system'>, never> = {};
const chipAll: Record<Exclude<keyof RelativeChipOptions, (typeof CHIP)[number]>, never> = {};
void [trainByJob, evalByJob, energyByJob, chipAll];

const BY_JOB: Record<Section, readonly string[]> = { train: ['out', 'quiet', 'systemModule', 'refuseUseless', 'chip'], eval: ['system'], energy: ['model', 'out', 'outDir', 'loaded', 'systemObject', 'system'] };
const BY_JOB_WHY: Record<Section, string> = {
  train: 'its model file in a private folder, quiet, the module from train.system, useless networks kept as data points; chip options are given as soft, refractory, arbitration',
  eval: 'the system is train.system',
  energy: 'the model just trained, its output folder, the system of train.system',
};

/** Accepted names per section, camelCase (kebab-case CLI flags are camelCased before the check). */
export const ACCEPTED: Record<Section, readonly string[]> = {
  train: [...TRAIN, 'noSearch', ...CHIP],
  eval: EVAL,
  energy: [...ENERGY, 'profile'],
};

const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Edit distance with adjacent transpositions (optimal string alignment), for the "did you mean" hint. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i ? (j ? 0 : i) : j)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

/** The closest accepted name (case-insensitive): within one edit per three letters, or one name a prefix of the other. */
export function closest(name: string, accepted: readonly string[]): string | undefined {
  const n = name.toLowerCase();
  let best: string | undefined;
  let d = Math.max(1, Math.floor(n.length / 3)) + 1;
  for (const a0 of accepted) {
    const a = a0.toLowerCase();
    const e = Math.min(n.length, a.length) >= 3 && (a.startsWith(n) || n.startsWith(a)) ? 0.5 : distance(n, a);
    if (e < d) (d = e), (best = a0);
  }
  return best;
}

/** Why `name` (camelCase) is not an option of `section`, or null when it is. */
export function unknownOption(section: Section, name: string, written = name): string | null {
  const ok = ACCEPTED[section];
  if (ok.includes(name)) return null;
  if (BY_JOB[section].includes(name)) return `${section} option "${written}" is set by the sweep for each job (${BY_JOB_WHY[section]}), not by the sweep file`;
  const near = closest(name, ok);
  const cli = ok.filter((k) => /[A-Z]/.test(k)).map(kebab);
  return `unknown ${section} option "${written}"${near ? ` (did you mean "${near}"?)` : ''}; ${section} accepts ${ok.join(', ')}${cli.length ? ` (or as CLI flags: ${cli.join(', ')})` : ''}`;
}

/** Why a job's train options cannot run (chip flags without the parallel rule), or null. */
export function trainConflict(o: Record<string, unknown>): string | null {
  const chip = CHIP.filter((k) => o[k] !== undefined);
  if (chip.length && o.policy !== 'parallel') return `${chip.join(', ')} ${chip.length > 1 ? 'are options' : 'is an option'} of policy parallel; this job's policy is ${o.policy ?? 'winner (the default)'}`;
  if (o.noSearch !== undefined && o.search !== undefined) return 'give search or noSearch (no-search), not both';
  return null;
}

/** Sweep train options -> runTrain's: the CLI's chip flags into `chip`, `noSearch` into `search`. */
export function trainOptions(o: Record<string, unknown>): Partial<TrainCommand> {
  const { noSearch, soft, refractory, arbitration, ...rest } = o;
  const chip = Object.fromEntries(Object.entries({ soft, refractory, arbitration }).filter(([, v]) => v !== undefined));
  return { ...(rest as Partial<TrainCommand>), ...(Object.keys(chip).length ? { chip: chip as RelativeChipOptions } : {}), ...(noSearch !== undefined ? { search: !noSearch } : {}) };
}
