#!/usr/bin/env node
// The ebnkit command line. Exit codes: 0 success, 1 failure while running,
// 2 bad usage or bad input (unknown system, bad flag, bad or damaged file).
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatEval, runEval } from './commands/eval.js';
import { HELP as ENERGY_HELP, formatEnergy, runEnergy } from './commands/energy.js';
import { HELP as PROFILES_HELP, formatProfiles, runProfiles } from './commands/profiles.js';
import { HELP_NIR, HELP_SANAFE, runExportNir, runExportSanafe } from './commands/export-chip.js';
import { ProfileError } from './emulator/profile.js';
import { num, resolveSystem, UsageError } from './commands/common.js';
import { formatField, runField } from './commands/field.js';
import { runReport } from './commands/report.js';
import { runRun } from './commands/run.js';
import { HELP as TAPE_HELP, runTapeCommand } from './commands/tape-cli.js';
import { formatSummary, runTrain } from './commands/train.js';
import { sweepCommands } from './commands/sweep-cli.js';
import { ImageError } from './image.js';
import { MODEL_VERSION, ModelError, modelToJSON } from './model.js';
import { upgradeModel } from './upgrade.js';
import { loadModel, readModelBytes, sameFile, writeAtomic } from './node/files.js';
import { checkOutPath } from './node/out-path.js';
import { SPIKE_POLICIES, SpecError, type SpikePolicy } from './spec.js';
import { CHIP_OPTION_LIMITS } from './spike-rule.js';
import { SYSTEMS } from './systems/index.js';

type Opts = NonNullable<ParseArgsConfig['options']>;
interface Command {
  help: string;
  options: Opts;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<void>;
}

const common = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const satisfies Opts;
const print = (json: unknown, text: string, asJson: unknown) => console.log(asJson ? JSON.stringify(json, null, 2) : text);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const one = (cmd: string, p: string[], what: string): string => {
  if (p.length !== 1) throw new UsageError(`${cmd} takes one ${what}; got ${p.length ? p.join(' ') : 'none'} (see ebnkit ${cmd} --help)`);
  return p[0]!;
};

const COMMANDS: Record<string, Command> = {
  train: {
    help: `usage: ebnkit train [system] [options]

Trains a network on <system> (default vanderpol; a built-in name or a path to a
module exporting a system definition; a module gets 10 s to load and evaluate
f, EBNKIT_MODULE_TIMEOUT_MS changes that) with the local plasticity rule, then
assesses it free-running (feedback and learning off), whole and with half its
neurons killed. Writes the model (.ebn) and a figure (.svg) beside it.

  --seconds <s>       simulated training time (default: derived from the system's time scale)
  --neurons <n>       network size N (default: derived from the spikes the field needs)
  --no-search         skip the self-check's search (train once with the automatic settings)
  --seed <n>          seed for the network, inputs and start states (default 1)
  --executor <name>   kernel (fixed-point WASM, default) or reference (float64)
  --format <name>     kernel number format: q24 (default), w16, loihi, xylo; the
                      network trains at that format and is assessed with its
                      weights quantized to it (as deployed)
  --policy <rule>     spike rule: winner (default; one spike per step, what one
                      MCU core does), parallel (every neuron above threshold
                      fires, effects on the others one step later: what
                      neuromorphic chips do), all
  --soft <x>          parallel: soft-threshold width in units of |D_i|^2
                      (default 0.64 N/J; 0 = hard threshold)
  --refractory <n>    parallel: refractory steps after a spike (default 0)
  --arbitration <n>   parallel: neurons per arbitration group, one spike per
                      group per step (a chip core's arbiter; default 0 = none)
  --mode <name>       kernel execution: dense (default; the local form a chip runs)
                      or lowrank (Os = D W, fast effects through the readout: faster)
  --out <file.ebn>    model file (default out/<system>.ebn)

A network that is useless as trained (a headline error above 50%, or a mean
rate above half the rule's ceiling or above 100 Hz per neuron) is refused:
exit 1 and nothing is saved.
  --json              print the summary as JSON
  --quiet             no progress bar`,
    options: { ...common, seconds: { type: 'string' }, neurons: { type: 'string' }, seed: { type: 'string' }, executor: { type: 'string' }, format: { type: 'string' }, mode: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean' }, policy: { type: 'string' }, soft: { type: 'string' }, refractory: { type: 'string' }, arbitration: { type: 'string' }, 'no-search': { type: 'boolean' } },
    async run(v, p) {
      if (p.length > 1) throw new UsageError(`train takes one system; got ${p.join(' ')}`);
      const executor = str(v.executor) ?? 'kernel';
      if (executor !== 'kernel' && executor !== 'reference') throw new UsageError(`--executor: "${executor}" is not kernel or reference`);
      const mode = str(v.mode);
      if (mode !== undefined && mode !== 'dense' && mode !== 'lowrank') throw new UsageError(`--mode: "${mode}" is not dense or lowrank`);
      const policy = str(v.policy);
      if (policy !== undefined && !SPIKE_POLICIES.includes(policy as SpikePolicy)) throw new UsageError(`--policy: "${policy}" is not one of ${SPIKE_POLICIES.join(', ')}`);
      // the ranges the playground's form checks too (src/spike-rule.ts)
      const opt = (name: keyof typeof CHIP_OPTION_LIMITS) => {
        const l = CHIP_OPTION_LIMITS[name];
        return v[name] !== undefined ? { [name]: num(`--${name}`, str(v[name])!, l.min, l.max, l.integer) } : {};
      };
      const chip = { ...opt('soft'), ...opt('refractory'), ...opt('arbitration') };
      if (Object.keys(chip).length && policy !== 'parallel') throw new UsageError(`--soft, --refractory and --arbitration are options of --policy parallel; the policy is ${policy ?? 'winner (the default)'}`);
      const name = p[0] ?? 'vanderpol';
      const system = await resolveSystem(name);
      const s = runTrain({
        system,
        ...(SYSTEMS[name] ? {} : { systemModule: resolve(name) }),
        executor,
        ...(v.seconds !== undefined ? { seconds: num('--seconds', str(v.seconds)!, 0.1, 1e5) } : {}),
        ...(v.neurons !== undefined ? { neurons: num('--neurons', str(v.neurons)!, 1, 65535, true) } : {}),
        ...(v.seed !== undefined ? { seed: num('--seed', str(v.seed)!, 0, 0xffffffff, true) } : {}),
        ...(v.format !== undefined ? { format: str(v.format)! } : {}),
        ...(mode ? { mode } : {}),
        ...(policy ? { policy: policy as SpikePolicy, chip } : {}),
        ...(v.out !== undefined ? { out: str(v.out)! } : {}),
        ...(v['no-search'] ? { search: false } : {}),
        quiet: !!v.quiet || !!v.json,
      });
      print(s, formatSummary(s), v.json);
    },
  },
  eval: {
    help: `usage: ebnkit eval <model.ebn> [options]

Assesses a saved model free-running from fresh start states (median over seeds),
whole and with half its neurons killed.

  --seeds <n>         number of seeds (default 3)
  --executor <name>   kernel (runs the stored image bit for bit) or reference
  --format <name>     re-quantize to q24, w16, loihi or xylo before running
  --system <name|mod> the system, if the model's is not built in
  --json              print JSON`,
    options: { ...common, seeds: { type: 'string' }, executor: { type: 'string' }, format: { type: 'string' }, system: { type: 'string' } },
    async run(v, p) {
      const s = await runEval(one('eval', p, 'model file'), {
        ...(v.seeds !== undefined ? { seeds: num('--seeds', str(v.seeds)!, 1, 100, true) } : {}),
        ...(str(v.executor) ? { executor: str(v.executor)! } : {}),
        ...(str(v.format) ? { format: str(v.format)! } : {}),
        ...(str(v.system) ? { system: str(v.system)! } : {}),
      });
      print(s, formatEval(s), v.json);
    },
  },
  run: {
    help: `usage: ebnkit run <model.ebn> [options]

Runs a saved network free (feedback and learning off) and writes its readout
next to the true system's, and its spikes.

  --seconds <s>       length of the run (default: a few time scales)
  --x0 <a,b,...>      start state (default: random in the system's start box)
  --command           drive with a command never seen in training (driven systems)
  --kill <fraction>   kill this fraction of neurons first, in [0, 1)
  --noise <sigma>     voltage noise
  --seed <n>          seed (default 1)
  --out <file>        .csv (default out/run.csv) or .json (with spikes)
  --executor, --format, --system   as for eval
  --json              print the summary as JSON`,
    options: { ...common, seconds: { type: 'string' }, x0: { type: 'string' }, command: { type: 'boolean' }, kill: { type: 'string' }, noise: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, executor: { type: 'string' }, format: { type: 'string' }, system: { type: 'string' } },
    async run(v, p) {
      const model = one('run', p, 'model file');
      if (str(v.out)) checkOutPath('--out', str(v.out)!, ['.csv', '.json']);
      const s = await runRun({
        model,
        ...(v.seconds !== undefined ? { seconds: num('--seconds', str(v.seconds)!, 0.001, 1e5) } : {}),
        ...(v.x0 !== undefined ? { x0: str(v.x0)!.split(',').map((a, i) => num(`--x0[${i}]`, a, -100, 100)) } : {}),
        ...(v.kill !== undefined ? { kill: num('--kill', str(v.kill)!, 0, 1, false, true) } : {}),
        ...(v.noise !== undefined ? { noise: num('--noise', str(v.noise)!, 0, 100) } : {}),
        ...(v.seed !== undefined ? { seed: num('--seed', str(v.seed)!, 0, 0xffffffff, true) } : {}),
        command: !!v.command,
        ...(str(v.out) ? { out: str(v.out)! } : {}),
        ...(str(v.executor) ? { executor: str(v.executor)! } : {}),
        ...(str(v.format) ? { format: str(v.format)! } : {}),
        ...(str(v.system) ? { system: str(v.system)! } : {}),
      });
      print(s, `ran ${s.system} (${s.executor}) for ${s.seconds} s: ${s.spikes} spikes from ${s.alive} neurons -> ${s.out}`, v.json);
    },
  },
  field: {
    help: `usage: ebnkit field <model.ebn> [options]

Is an error in the learned weights or in the spiking? From one start state, runs
the true system, the spiking network (free, after its lead-in) and the field the
weights encode integrated without spikes (W Phi(x) - lam x), and prints the
statistics of the system's kind for all three, then which of them carries the error.

  --seconds <s>       length of the runs (default: 200 s chaotic, else 10 time scales, at least 10 s)
  --seed <n>          seed of the start state (default 1)
  --system <name|mod> the system, if the model's is not built in
  --json              print JSON`,
    options: { ...common, seconds: { type: 'string' }, seed: { type: 'string' }, system: { type: 'string' } },
    async run(v, p) {
      const s = await runField(one('field', p, 'model file'), {
        ...(v.seconds !== undefined ? { seconds: num('--seconds', str(v.seconds)!, 0.01, 1e5) } : {}),
        ...(v.seed !== undefined ? { seed: num('--seed', str(v.seed)!, 0, 0xffffffff, true) } : {}),
        ...(str(v.system) ? { system: str(v.system)! } : {}),
      });
      print(s, formatField(s), v.json);
    },
  },
  report: {
    help: `usage: ebnkit report <model.ebn> [--out report.html] [--system <name|mod>] [--json] [--quiet]

Writes one self-contained HTML report (inline SVG: trajectories, phase portrait,
raster, rate and CV histograms, robustness curves, kernel vs float64) and a JSON
file with the data of every figure.`,
    options: { ...common, out: { type: 'string' }, system: { type: 'string' }, quiet: { type: 'boolean' } },
    async run(v, p) {
      const model = one('report', p, 'model file');
      if (str(v.out)) {
        checkOutPath('--out', str(v.out)!, ['.html', '.htm']);
        if (sameFile(str(v.out)!, model)) throw new UsageError(`--out ${str(v.out)} is the model file itself; give another file`);
      }
      const s = await runReport({ model, ...(str(v.out) ? { out: str(v.out)! } : {}), ...(str(v.system) ? { system: str(v.system)! } : {}), quiet: !!v.quiet || !!v.json });
      print(s, `report ${s.html} (${s.figures} figures; data in ${s.json})`, v.json);
    },
  },
  export: {
    help: `usage: ebnkit export <model.ebn> [--out model.json]

Writes a JSON view of a model for inspection: the spec, the training metadata,
the image header and the image bytes (base64). Prints it when --out is omitted.`,
    options: { help: common.help, out: { type: 'string' } },
    async run(v, p) {
      const path = one('export', p, 'model file');
      const out = str(v.out);
      if (out !== undefined) {
        checkOutPath('--out', out);
        if (sameFile(out, path)) throw new UsageError(`--out ${out} is the model file itself; export writes JSON, give another file (e.g. ${path.replace(/(\.ebn)?$/, '.json')})`);
      }
      const text = JSON.stringify(modelToJSON(loadModel(path)), null, 1);
      if (out !== undefined) writeAtomic(out, text);
      else console.log(text);
    },
  },
  upgrade: {
    help: `usage: ebnkit upgrade <model.ebn> [--out new.ebn]

Converts a version 1 model (ebnkit 0.1, image ABI v1) to the current format:
checks what version 1 could check (its checksums over the data), then accepts
the header words version 1 left unprotected only if they equal what the model's
spec quantizes to, and seals the whole header. Rewrites the file in place
(atomically) unless --out is given. A current model is left as it is.`,
    options: { help: common.help, out: { type: 'string' } },
    async run(v, p) {
      const path = one('upgrade', p, 'model file');
      const out = str(v.out) ?? path;
      checkOutPath('--out', out, ['.ebn']);
      const { bytes, from } = upgradeModel(readModelBytes(path));
      if (from === MODEL_VERSION && out === path) console.log(`${path} is already version ${MODEL_VERSION}: left as it is`);
      else {
        writeAtomic(out, bytes);
        console.log(`${path}: version ${from} -> ${MODEL_VERSION}, written to ${out}`);
      }
    },
  },
  energy: {
    help: ENERGY_HELP,
    options: {
      ...common, profile: { type: 'string' }, 'slow-path': { type: 'string' }, policy: { type: 'string' }, executor: { type: 'string' },
      seconds: { type: 'string' }, 'per-core': { type: 'string' }, 'cycles-per-step': { type: 'string' }, system: { type: 'string' },
      seed: { type: 'string' }, out: { type: 'string' },
    },
    async run(v, p) {
      const slow = str(v['slow-path']);
      if (slow !== undefined && slow !== 'dense' && slow !== 'factored') throw new UsageError(`--slow-path: "${slow}" is not dense or factored`);
      const policy = str(v.policy);
      if (policy !== undefined && policy !== 'spec' && policy !== 'chip' && policy !== 'both') throw new UsageError(`--policy: "${policy}" is not spec, chip or both`);
      const executor = str(v.executor);
      if (executor !== undefined && executor !== 'kernel' && executor !== 'reference') throw new UsageError(`--executor: "${executor}" is not kernel or reference`);
      const s = await runEnergy({
        model: one('energy', p, 'model file'),
        ...(str(v.profile) ? { profiles: str(v.profile)!.split(',') } : {}),
        ...(slow ? { slowPath: slow } : {}),
        ...(policy ? { policy } : {}),
        ...(executor ? { executor } : {}),
        ...(v.seconds !== undefined ? { seconds: num('--seconds', str(v.seconds)!, 0.01, 1e4) } : {}),
        ...(v['per-core'] !== undefined ? { perCore: num('--per-core', str(v['per-core'])!, 1, 1e6, true) } : {}),
        ...(v['cycles-per-step'] !== undefined ? { cyclesPerStep: num('--cycles-per-step', str(v['cycles-per-step'])!, 1, 1e12) } : {}),
        ...(str(v.system) ? { system: str(v.system)! } : {}),
        ...(v.seed !== undefined ? { seed: num('--seed', str(v.seed)!, 0, 0xffffffff, true) } : {}),
        ...(str(v.out) ? { outDir: str(v.out)! } : {}),
      });
      print(s, formatEnergy(s), v.json);
    },
  },
  'export-nir': {
    help: HELP_NIR,
    options: { ...common, out: { type: 'string' } },
    async run(v, p) {
      const s = await runExportNir({ model: one('export-nir', p, 'model file'), ...(str(v.out) ? { out: str(v.out)! } : {}) });
      print(s, `wrote ${s.file}: NIR graph of ${s.nodes.length} nodes (${s.nodes.join(', ')}), ${s.edges} edges`, v.json);
    },
  },
  'export-sanafe': {
    help: HELP_SANAFE,
    options: { ...common, profile: { type: 'string' }, 'slow-path': { type: 'string' }, out: { type: 'string' } },
    async run(v, p) {
      const slow = str(v['slow-path']);
      if (slow !== undefined && slow !== 'dense' && slow !== 'factored') throw new UsageError(`--slow-path: "${slow}" is not dense or factored`);
      const s = runExportSanafe({ model: one('export-sanafe', p, 'model file'), ...(str(v.profile) ? { profile: str(v.profile)! } : {}), ...(slow ? { slowPath: slow } : {}), ...(str(v.out) ? { outDir: str(v.out)! } : {}) });
      print(s, `wrote ${s.arch} and ${s.net} (${s.cores} cores; ${s.form})`, v.json);
    },
  },
  profiles: {
    help: PROFILES_HELP,
    options: { ...common, check: { type: 'string' } },
    async run(v) {
      const s = runProfiles(str(v.check) ? { check: str(v.check)! } : {});
      print(s, formatProfiles(s), v.json);
    },
  },
  tape: {
    help: TAPE_HELP,
    options: {
      ...common, out: { type: 'string' }, seconds: { type: 'string' }, feedback: { type: 'boolean' }, learning: { type: 'boolean' }, kill: { type: 'string' },
      revive: { type: 'boolean' }, noise: { type: 'string' }, input: { type: 'string' }, block: { type: 'string' }, checkpoints: { type: 'string' },
      seed: { type: 'string' }, system: { type: 'string' }, runtime: { type: 'string' }, command: { type: 'string' }, wasm: { type: 'string' },
      timeout: { type: 'string' }, list: { type: 'boolean' }, format: { type: 'string' },
    },
    run: runTapeCommand,
  },
  systems: {
    help: `usage: ebnkit systems [--json]

Lists the built-in systems with their dimensions, kind and description.`,
    options: common,
    async run(v) {
      const list = Object.entries(SYSTEMS).map(([name, make]) => {
        const s = make();
        return { name, dims: s.dims, kind: s.kind, description: s.description };
      });
      print(list, list.map((s) => `${s.name.padEnd(10)} ${s.dims}-D  ${s.kind.padEnd(13)} ${s.description}`).join('\n'), v.json);
    },
  },
  ...sweepCommands(common, print, str),
};

const MAIN_HELP = `ebnkit — learn dynamical systems in efficient balanced spiking networks

usage: ebnkit <command> [options]

commands:
  train [system]    train a network on a system and assess it free-running
  eval <model>      assess a saved model (median over seeds, half killed)
  run <model>       run a saved model free and write its trajectory and spikes
  field <model>     truth vs network vs the learned field without spikes: where the error is
  report <model>    write an HTML report with every figure, and its data as JSON
  export <model>    JSON view of a model file
  upgrade <model>   convert a version 1 model file to the current format
  tape <sub>        record a run once, verify it on any engine or device, export it
  energy <model>    map onto a neuromorphic chip profile: accuracy, traffic, energy
  profiles          list the hardware profiles (or --check a profile file)
  export-nir <model>     the network as NIR (HDF5) for other neuromorphic tools
  export-sanafe <model>  SANA-FE architecture + network YAML for a profile
  systems           list the built-in systems
  sweep <file>      run a grid of train/eval/energy jobs (local pool or Redis)
  worker --redis    process sweep jobs from a Redis queue

Run "ebnkit <command> --help" for a command's options.
Exit codes: 0 success, 1 failure while running, 2 bad usage or input.`;

export type Parsed =
  | { kind: 'help'; text: string }
  | { kind: 'command'; name: string; values: Record<string, string | boolean | undefined>; positionals: string[] };

/**
 * The argument parser alone (no command runs): what main() does with argv
 * before anything is executed. Throws UsageError or a parseArgs error
 * (code ERR_PARSE_ARGS_*) on bad usage. Fuzzed by test/fuzz.
 */
export function parseCommandLine(argv: string[]): Parsed {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') return { kind: 'help', text: MAIN_HELP };
  const cmd = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!cmd) throw new UsageError(`unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')} (see ebnkit --help)`);
  const { values, positionals } = parseArgs({ args: rest, options: cmd.options, allowPositionals: true });
  if (values.help) return { kind: 'help', text: cmd.help };
  return { kind: 'command', name, values: values as Record<string, string | boolean | undefined>, positionals };
}

async function main(argv: string[]): Promise<number> {
  const p = parseCommandLine(argv);
  if (p.kind === 'help') {
    console.log(p.text);
    return 0;
  }
  await COMMANDS[p.name]!.run(p.values, p.positionals);
  return 0;
}

/**
 * main() runs on import unless a harness that only wants parseCommandLine set
 * this global first (test/fuzz/no-main.ts). A flag, not a file-path check: a
 * bundled harness has this code in its own file.
 */
const noMain = (globalThis as { __EBNKIT_NO_MAIN__?: boolean }).__EBNKIT_NO_MAIN__ === true;
if (!noMain) main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: Error & { code?: string }) => {
    const usage =
      e instanceof UsageError || e instanceof SpecError || e instanceof ProfileError || e instanceof RangeError || e instanceof ModelError || e instanceof ImageError ||
      e.code?.startsWith('ERR_PARSE_ARGS') || /: (cannot read|not an ebnkit model|model )/.test(e.message);
    console.error(`ebnkit: ${e.message}`);
    process.exitCode = usage ? 2 : 1;
  },
);
