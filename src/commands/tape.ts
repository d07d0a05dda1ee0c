// `ebnkit tape record|verify|export`: a cross-platform regression kit. Record
// a run of a saved network once (the ABI calls, their inputs, and the
// expected fingerprints at checkpoints), then verify it bit for bit on any
// WebAssembly engine or device, or export it for one that has no Node.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { KERNEL_SHA256, kernelBytes } from '../kernel/module.js';
import { writeAtomic, loadModel } from '../node/files.js';
import { compareResults } from '../tape/compare.js';
import { TapeError } from '../tape/encode.js';
import { checkAbi, expectedMeta, readTapeFile, writeTapeFile, type TapeFile, type TapeMeta } from '../tape/file.js';
import { missingTools, findTool } from '../tape/proc.js';
import { commandRuntime, RUNTIMES, type Runtime } from '../tape/runtimes.js';
import { recordScenario, type ScenarioOptions } from '../tape/scenario.js';
import { ABI, hex8 } from '../tape/abi.js';
import { exportC, exportJs, exportWast, type ExportFormat } from '../tape/export.js';
import { systemForModel, UsageError } from './common.js';

export interface RecordCommand extends ScenarioOptions {
  model: string;
  out: string;
  system?: string;
}

export async function runTapeRecord(o: RecordCommand) {
  const model = loadModel(o.model);
  const sys = await systemForModel(o.model, model, o.system);
  if (sys.dims !== model.spec.J) throw new UsageError(`system ${sys.name} has ${sys.dims} dimensions but the model has J=${model.spec.J}`);
  const name = basename(o.out).replace(/\.tape$/, '') || 'run';
  const { model: _m, out: _o, system: _s, ...options } = o;
  const rec = recordScenario(name, model.image, model.spec, sys, options);
  const kernel = kernelBytes();
  const { createHash } = await import('node:crypto');
  const meta: TapeMeta = {
    name,
    abiVersion: ABI.VERSION,
    kernelSha256: KERNEL_SHA256,
    image: { bytes: model.image.length, checksum: hex8(new DataView(model.image.buffer, model.image.byteOffset, model.image.byteLength).getUint32(4 * ABI.H_CHECKSUM, true)), sha256: createHash('sha256').update(model.image).digest('hex') },
    recordedWith: { ebnkit: await version(), model: basename(o.model), options: { ...options, system: sys.name } },
    expected: expectedMeta(rec.result),
  };
  const bytes = writeTapeFile(meta, kernel, rec.tape);
  writeAtomic(o.out, bytes);
  const last = rec.result.marks.at(-1)!;
  return { out: o.out, bytes: bytes.length, name, steps: last.t, checkpoints: rec.result.marks.length, spikes: rec.result.raster.length / 2, spikeHash: last.spikeHash, stateHash: last.stateHash, abiVersion: ABI.VERSION };
}

async function version(): Promise<string> {
  const { packageRoot } = await import('../tape/proc.js');
  try { return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version; } catch { return '?'; }
}

export function openTape(path: string): TapeFile {
  let b: Uint8Array;
  try { b = readFileSync(path); } catch (e) { throw new UsageError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`); }
  try { return readTapeFile(b, path); } catch (e) { throw e instanceof TapeError ? new UsageError(e.message) : e; }
}

export interface VerifyCommand {
  tape: string;
  runtime?: string;
  command?: string;
  wasm?: string;
  timeoutMs?: number;
}

export interface Verdict {
  tape: string;
  runtime: string;
  pass: boolean;
  checkpoints: number;
  spikes: number;
  /** Empty on a pass; the first entry names the first difference. */
  problems: string[];
  ms: number;
}

export function pickRuntime(o: { runtime?: string; command?: string }): { name: string; rt: Runtime } {
  if (o.runtime && o.command) throw new UsageError('give --runtime or --command, not both');
  if (o.command) return { name: 'command', rt: commandRuntime(o.command) };
  if (!o.runtime) throw new UsageError(`--runtime is required (${Object.keys(RUNTIMES).join(', ')}) or --command '<runner>'`);
  const rt = RUNTIMES[o.runtime];
  if (!rt) throw new UsageError(`--runtime: "${o.runtime}" is not one of ${Object.keys(RUNTIMES).join(', ')} (or use --command '<runner>')`);
  return { name: o.runtime, rt };
}

export async function runTapeVerify(o: VerifyCommand): Promise<Verdict> {
  const f = openTape(o.tape);
  const { name, rt } = pickRuntime(o);
  let kernel = f.kernel;
  if (o.wasm) {
    try { kernel = readFileSync(o.wasm); } catch (e) { throw new UsageError(`--wasm ${o.wasm}: cannot read (${(e as NodeJS.ErrnoException).code})`); }
  }
  try { checkAbi(f, kernel, o.wasm ?? 'the tape\'s kernel'); } catch (e) { throw e instanceof TapeError ? new UsageError(`${o.tape}: ${e.message}`) : e; }
  const missing = missingTools(rt.tools.map((t) => t.name));
  if (missing.length) throw new Error(`runtime ${name}: ${missing.join(', ')} not found (install: ${rt.tools.filter((t) => missing.includes(t.name)).map((t) => t.hint).join('; ')})`);
  const dir = mkdtempSync(join(tmpdir(), 'ebnkit-tape-'));
  const t0 = performance.now();
  try {
    const got = await rt.run({ kernel, ops: f.ops, tape: f.tape, expectSpikes: f.expected.raster.length / 2, dir, timeoutMs: o.timeoutMs ?? 600_000 });
    const problems = compareResults(name, f.expected, got, 'recorded');
    return { tape: o.tape, runtime: name, pass: problems.length === 0, checkpoints: f.expected.marks.length, spikes: f.expected.raster.length / 2, problems, ms: performance.now() - t0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatVerdict(v: Verdict): string {
  if (v.pass) return `PASS ${v.tape} on ${v.runtime}: bit exact at ${v.checkpoints} checkpoint(s), ${v.spikes} spikes, final state (${(v.ms / 1000).toFixed(1)} s)`;
  return [`FAIL ${v.tape} on ${v.runtime}:`, ...v.problems.slice(0, 12).map((p) => '  ' + p), ...(v.problems.length > 12 ? [`  ... ${v.problems.length - 12} more`] : [])].join('\n');
}

export function listRuntimes() {
  return Object.entries(RUNTIMES).map(([name, rt]) => {
    const missing = rt.tools.filter((t) => !findTool(t.name));
    return { name, describe: rt.describe, ready: missing.length === 0, missing: missing.map((t) => `${t.name} (${t.hint})`) };
  });
}

export async function runTapeExport(path: string, format: ExportFormat, dir: string) {
  const f = openTape(path);
  if (format === 'wast') {
    const r = exportWast(f, dir);
    return { format, dir, files: r.files, summary: `wrote ${r.files[0]} (${r.assertions} assertions); run it with: wast2json ${r.files[0]} -o t.json && spectest-interp t.json` };
  }
  if (format === 'js') {
    const r = exportJs(f, dir);
    return { format, dir, files: r.files, summary: `wrote ${r.files[0]}; run it with your engine's shell, e.g.: bun ${r.files[0]} (prints PASS or the first differing line)` };
  }
  const r = await exportC(f, dir);
  return { format, dir, files: r.files, summary: `wrote the C player and the tape to ${dir}${r.wasm2c ? '' : ' (wasm2c not found: make will run it)'}; run it with: make -C ${dir} check` };
}
