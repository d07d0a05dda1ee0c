// `npm run conformance:pack`: build/conformance/ — the conformance tapes,
// self-checking .wast scripts, gcov coverage of the kernel's wasm2c
// translation, and the mutation score (deliberately broken engines caught).
//   tapes/<name>.tape     record/verify format (ebnkit tape verify ... --runtime <r>)
//   wast/<name>.wast      spec-test scripts, every recorded value asserted
//   all.tapes             every op stream, bundled for the C player
//   report.json, report.md
// Options: --no-mutants (skip the mutation run), --out <dir>, --docs (also
// write docs/conformance-figures.json, the figures README and docs quote).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KERNEL_SHA256, kernelBytes } from '../../src/kernel/module.js';
import { ABI } from '../../src/tape/abi.js';
import { compareResults } from '../../src/tape/compare.js';
import { parseDriverOutput } from '../../src/tape/driver-output.js';
import { bundleTapes } from '../../src/tape/encode.js';
import { exportWast } from '../../src/tape/export.js';
import { expectedMeta, readTapeFile, writeTapeFile, type TapeFile } from '../../src/tape/file.js';
import { conformanceScenarios } from '../../src/tape/conformance.js';
import { RUNTIMES } from '../../src/tape/runtimes.js';
import { run, runOk } from '../../src/tape/proc.js';
import { linkPlayer, playerObjects, translate } from './c-build.js';
import { gcovKernel, type Coverage } from './coverage.js';
import { cSites, watSites, type Site } from './mutants.js';

const args = process.argv.slice(2);
const OUT = resolve(args.includes('--out') ? args[args.indexOf('--out') + 1]! : 'build/conformance');
const MUTANTS = !args.includes('--no-mutants');
const t0 = performance.now();
const log = (s: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`);

rmSync(OUT, { recursive: true, force: true });
for (const d of ['tapes', 'wast', 'work']) mkdirSync(join(OUT, d), { recursive: true });

// 1. record every scenario, write its .tape, check the portable player reproduces it
const kernel = kernelBytes();
const files: TapeFile[] = [];
const scenarios = conformanceScenarios();
for (const s of scenarios) {
  const rec = s.record();
  const bytes = writeTapeFile({
    name: s.name, abiVersion: ABI.VERSION, kernelSha256: KERNEL_SHA256,
    image: { bytes: 0, checksum: '', sha256: '' }, recordedWith: { ebnkit: 'conformance pack', options: { covers: s.covers } }, expected: expectedMeta(rec.result),
  }, kernel, rec.tape);
  writeFileSync(join(OUT, 'tapes', `${s.name}.tape`), bytes);
  const f = readTapeFile(bytes, s.name);
  const got = await RUNTIMES.node!.run({ kernel, ops: f.ops, tape: f.tape, expectSpikes: f.expected.raster.length / 2, dir: OUT, timeoutMs: 60_000 });
  const bad = compareResults('node-player', f.expected, got, 'host');
  if (bad.length) throw new Error(`the portable player disagrees with the host on ${s.name}: ${bad[0]}`);
  exportWast(f, join(OUT, 'wast'));
  files.push(f);
}
const bundle = join(OUT, 'all.tapes');
writeFileSync(bundle, bundleTapes(files.map((f) => f.tape)));
log(`${files.length} scenarios recorded (${files.reduce((s, f) => s + f.expected.raster.length / 2, 0)} spikes), node player agrees`);

/** Run the C player over the bundle; the names of the tapes that differ from their recording. */
async function failing(player: string): Promise<{ failed: string[]; first?: string }> {
  const ran = await run(player, [bundle], { timeoutMs: 300_000 });
  const results = parseDriverOutput(ran.stdout);
  const failed: string[] = [];
  let first: string | undefined;
  for (const f of files) {
    const bad = compareResults('c', f.expected, results.find((r) => r.name === f.tape.name), 'recorded');
    if (bad.length) { failed.push(f.tape.name); first ??= bad[0]; }
  }
  if (ran.code !== 0 && !failed.length) failed.push(`(exit ${ran.code ?? ran.signal})`);
  return { failed, ...(first ? { first } : {}) };
}

// 2. coverage: the instrumented player runs every tape (and must pass them all)
const cov = join(OUT, 'work', 'coverage');
const wasmPath = join(OUT, 'work', 'kernel.wasm');
writeFileSync(wasmPath, kernel);
const kernelC = await translate(wasmPath, cov);
const covFlags = ['-O0', '--coverage', '-w'];
const player = await linkPlayer(kernelC, await playerObjects(cov, covFlags), join(cov, 'player'), covFlags, cov);
const covRun = await failing(player);
if (covRun.failed.length) throw new Error(`the coverage build fails ${covRun.failed.join(', ')}: ${covRun.first}`);
const coverage: Coverage = await gcovKernel(cov, join(cov, 'player.kernel.o'));
log(`coverage of the kernel's translated functions: lines ${coverage.lines.pct}% (${coverage.lines.hit}/${coverage.lines.total}), branches ${coverage.branches.pct}%`);

// 3. mutants
interface MutantResult { kind: string; index: number; caught: boolean; by?: string; first?: string }
const mutants: MutantResult[] = [];
if (MUTANTS) {
  const mdir = join(OUT, 'work', 'mutants');
  mkdirSync(mdir, { recursive: true });
  const flags = ['-O1', '-w'];
  const objs = await playerObjects(cov, flags);
  const text = readFileSync(kernelC, 'utf8');
  for (const site of cSites(text)) {
    writeFileSync(join(mdir, 'kernel.c'), site.apply(text));
    const p = await linkPlayer(join(mdir, 'kernel.c'), objs, join(mdir, 'player'), flags, cov);
    const r = await failing(p);
    mutants.push({ kind: site.kind, index: site.index, caught: r.failed.length > 0, ...(r.failed[0] ? { by: r.failed[0] } : {}), ...(r.first ? { first: r.first } : {}) });
  }
  log(`C mutants: ${mutants.filter((m) => m.caught).length}/${mutants.length} caught`);
  writeFileSync(kernelC, text); // leave the coverage kernel as it was
  // module mutants: wasm2wat, one change, wat2wasm; verified through the node player
  const wat = (await runOk('wasm2wat', [wasmPath], { timeoutMs: 60_000 })).stdout;
  const wsites: Site[] = watSites(wat);
  for (const site of wsites) {
    const watFile = join(mdir, 'm.wat'), wasmFile = join(mdir, 'm.wasm');
    writeFileSync(watFile, site.apply(wat));
    await runOk('wat2wasm', [watFile, '-o', wasmFile], { timeoutMs: 60_000 });
    const mk = readFileSync(wasmFile);
    let by: string | undefined, first: string | undefined;
    for (const f of files) {
      const got = await RUNTIMES.node!.run({ kernel: mk, ops: f.ops, tape: f.tape, expectSpikes: f.expected.raster.length / 2, dir: mdir, timeoutMs: 60_000 });
      const bad = compareResults('node', f.expected, got, 'recorded');
      if (bad.length) { by = f.tape.name; first = bad[0]; break; }
    }
    mutants.push({ kind: site.kind, index: site.index, caught: !!by, ...(by ? { by } : {}), ...(first ? { first } : {}) });
  }
  log(`module mutants: ${mutants.filter((m) => m.kind.startsWith('wasm') && m.caught).length}/${wsites.length} caught`);
}

// 4. report
const kinds = [...new Set(mutants.map((m) => m.kind))].map((kind) => {
  const all = mutants.filter((m) => m.kind === kind);
  return { kind, sites: all.length, caught: all.filter((m) => m.caught).length };
});
const report = {
  kernelSha256: KERNEL_SHA256,
  abiVersion: ABI.VERSION,
  scenarios: files.map((f, i) => ({ name: f.tape.name, covers: scenarios[i]!.covers, checkpoints: f.expected.marks.length, spikes: f.expected.raster.length / 2, sha256: createHash('sha256').update(readFileSync(join(OUT, 'tapes', `${f.tape.name}.tape`))).digest('hex') })),
  coverage,
  mutants: { kinds, survivors: mutants.filter((m) => !m.caught).map((m) => `${m.kind} #${m.index}`), examples: kinds.map((k) => mutants.find((m) => m.kind === k.kind && m.first)).filter(Boolean) },
};
writeFileSync(join(OUT, 'report.json'), JSON.stringify(report, null, 1) + '\n');
const md = [
  `# ebnkit conformance pack`, '',
  `Kernel sha256 \`${KERNEL_SHA256.slice(0, 16)}\`, ABI v${ABI.VERSION}. ${files.length} scenarios; every tape verified by the portable JS player and the C player.`, '',
  `| coverage of the wasm2c kernel (w2c_* functions) | hit | total | % |`, '|---|---|---|---|',
  `| lines | ${coverage.lines.hit} | ${coverage.lines.total} | ${coverage.lines.pct} |`,
  `| branches | ${coverage.branches.hit} | ${coverage.branches.total} | ${coverage.branches.pct} |`,
  `| lines, whole kernel.c (wasm2c helpers included) | ${coverage.wholeFile.lines.hit} | ${coverage.wholeFile.lines.total} | ${coverage.wholeFile.lines.pct} |`, '',
  `Lines never run: ${coverage.missed.map((m) => `${m.fn} (${m.lines.length})`).join(', ') || 'none'}.`, '',
  ...(MUTANTS ? [`| mutant class | sites | caught |`, '|---|---|---|', ...kinds.map((k) => `| ${k.kind} | ${k.sites} | ${k.caught} |`), '',
    ...report.mutants.examples.map((e) => `- ${e!.kind} #${e!.index}: caught by ${e!.by}: ${e!.first}`)] : []), '',
  '| scenario | covers | checkpoints | spikes |', '|---|---|---|---|',
  ...report.scenarios.map((s) => `| ${s.name} | ${s.covers} | ${s.checkpoints} | ${s.spikes} |`),
].join('\n') + '\n';
writeFileSync(join(OUT, 'report.md'), md);
rmSync(join(OUT, 'work'), { recursive: true, force: true });
if (args.includes('--docs')) {
  const figures = {
    note: 'Written by `npm run conformance:pack -- --docs`; README.md and docs/conformance-*.md quote these numbers (test/tape/figures.test.ts checks).',
    kernelSha256: KERNEL_SHA256, scenarios: files.length,
    lines: coverage.lines, branches: coverage.branches, wholeFileLines: coverage.wholeFile.lines,
    mutants: kinds,
  };
  writeFileSync(resolve('docs/conformance-figures.json'), JSON.stringify(figures, null, 1) + '\n');
  log('wrote docs/conformance-figures.json');
}
log(`wrote ${OUT}/report.md`);
