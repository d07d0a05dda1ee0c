// Argument handling of `ebnkit tape`: the subcommand, its flags, exit codes.
import { num, UsageError } from './common.js';
import { INPUTS, type InputKind } from '../tape/scenario.js';
import { RUNTIMES } from '../tape/runtimes.js';

import { formatVerdict, listRuntimes, runTapeExport, runTapeRecord, runTapeVerify } from './tape.js';
import { EXPORT_FORMATS, type ExportFormat } from '../tape/export.js';

export const HELP = `usage: ebnkit tape record <model.ebn> --out run.tape [options]
       ebnkit tape verify <run.tape> --runtime <name> | --command '<runner>'
       ebnkit tape export <run.tape> --format wast|js|c --out <dir>

record: runs the model through the kernel and writes a tape: every ABI call
with its inputs, the kernel it ran on, and the expected fingerprints (spike
hash, state hash, RNG state, counters, image hash) at each checkpoint, plus
the spike raster and final state. Versioned and sha256-checksummed.
  --seconds <s>        simulated time (default 1)
  --feedback           feed back the true state (targets from the system)
  --learning           plasticity on (with feedback targets)
  --kill <fraction>    kill this fraction of neurons halfway through
  --revive             bring them back at three quarters
  --noise <sigma>      voltage noise
  --input <kind>       none (default), command (the system's), noise (smooth)
  --block <steps>      steps per kernel run() call (default 512)
  --checkpoints <n>    fingerprints recorded along the run (default 8)
  --seed <n>           seed of the RNG, start state, inputs, kills (default 1)
  --system <name|mod>  the system, if the model's is not built in

verify: replays the tape and compares everything; prints PASS, or the first
differing step and neuron (spike raster) or checkpoint and field.
  --runtime <name>     ${Object.keys(RUNTIMES).join(', ')}
  --command '<cmd>'    your runner: prints the C player's lines; {wasm}, {ops}
                       and {bundle} are replaced by file paths
  --wasm <file>        verify this kernel build instead of the tape's own
                       (refused if its ABI differs from the tape's)
  --timeout <s>        per run (default 600)
  --list               list the runtimes and whether their tools are here

Exit codes: 0 pass, 1 mismatch or failure while running, 2 bad usage or a
damaged tape.`;

type Values = Record<string, string | boolean | undefined>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const print = (json: unknown, text: string, asJson: unknown) => console.log(asJson ? JSON.stringify(json, null, 2) : text);

const ALLOWED: Record<string, string[]> = {
  record: ['out', 'seconds', 'feedback', 'learning', 'kill', 'revive', 'noise', 'input', 'block', 'checkpoints', 'seed', 'system', 'json'],
  verify: ['runtime', 'command', 'wasm', 'timeout', 'list', 'json'],
  export: ['format', 'out', 'json'],
};

export async function runTapeCommand(v: Values, p: string[]): Promise<void> {
  const [sub, ...rest] = p;
  if (!sub || !ALLOWED[sub]) throw new UsageError(`tape: give a subcommand, record, verify or export; got ${sub ? `"${sub}"` : 'none'} (see ebnkit tape --help)`);
  for (const [k, x] of Object.entries(v)) if (x !== undefined && k !== 'help' && !ALLOWED[sub]!.includes(k)) throw new UsageError(`tape ${sub}: --${k} does not apply (options: ${ALLOWED[sub]!.map((o) => '--' + o).join(' ')})`);
  if (sub === 'verify' && v.list) {
    const l = listRuntimes();
    print(l, l.map((r) => `${r.name.padEnd(13)} ${r.ready ? 'ready  ' : 'missing'} ${r.describe}${r.missing.length ? ` [needs ${r.missing.join(', ')}]` : ''}`).join('\n'), v.json);
    return;
  }
  if (rest.length !== 1) throw new UsageError(`tape ${sub} takes one ${sub === 'record' ? 'model file' : 'tape file'}; got ${rest.length ? rest.join(' ') : 'none'}`);
  const file = rest[0]!;
  if (sub === 'record') {
    const out = str(v.out);
    if (!out) throw new UsageError('tape record: --out <file.tape> is required');
    const input = str(v.input);
    if (input !== undefined && !(INPUTS as readonly string[]).includes(input)) throw new UsageError(`--input: "${input}" is not one of ${INPUTS.join(', ')}`);
    if (v.revive && v.kill === undefined) throw new UsageError('--revive needs --kill <fraction>');
    const s = await runTapeRecord({
      model: file, out,
      ...(v.seconds !== undefined ? { seconds: num('--seconds', str(v.seconds)!, 0.001, 3600) } : {}),
      feedback: !!v.feedback, learning: !!v.learning, revive: !!v.revive,
      ...(v.kill !== undefined ? { kill: num('--kill', str(v.kill)!, 0, 1) } : {}),
      ...(v.noise !== undefined ? { noise: num('--noise', str(v.noise)!, 0, 100) } : {}),
      ...(input ? { input: input as InputKind } : {}),
      ...(v.block !== undefined ? { block: num('--block', str(v.block)!, 1, 1 << 20, true) } : {}),
      ...(v.checkpoints !== undefined ? { checkpoints: num('--checkpoints', str(v.checkpoints)!, 1, 10000, true) } : {}),
      ...(v.seed !== undefined ? { seed: num('--seed', str(v.seed)!, 0, 0xffffffff, true) } : {}),
      ...(str(v.system) ? { system: str(v.system)! } : {}),
    });
    print(s, `recorded ${s.out}: ${s.steps} steps, ${s.checkpoints} checkpoints, ${s.spikes} spikes, final spike hash ${s.spikeHash} (ABI v${s.abiVersion}, ${s.bytes} bytes)`, v.json);
    return;
  }
  if (sub === 'verify') {
    const verdict = await runTapeVerify({
      tape: file,
      ...(str(v.runtime) ? { runtime: str(v.runtime)! } : {}),
      ...(str(v.command) ? { command: str(v.command)! } : {}),
      ...(str(v.wasm) ? { wasm: str(v.wasm)! } : {}),
      ...(v.timeout !== undefined ? { timeoutMs: 1000 * num('--timeout', str(v.timeout)!, 1, 86400) } : {}),
    });
    if (verdict.pass) return print(verdict, formatVerdict(verdict), v.json);
    if (v.json) console.log(JSON.stringify(verdict, null, 2));
    throw new Error(formatVerdict(verdict)); // exit 1
  }
  const format = str(v.format), out = str(v.out);
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`tape export: --format must be one of ${EXPORT_FORMATS.join(', ')}; got ${format ? `"${format}"` : 'none'}`);
  if (!out) throw new UsageError('tape export: --out <dir> is required');
  const s = await runTapeExport(file, format as ExportFormat, out);
  print(s, s.summary, v.json);
}

