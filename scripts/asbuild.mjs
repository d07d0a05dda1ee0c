// Build one kernel target of asconfig.json: asc, then binaryen's wasm-opt
// for the optimised targets. `node scripts/asbuild.mjs release` (the npm
// scripts asbuild:* call it; check-size.mjs too when a build is stale).
//
// Why wasm-opt after asc: asc's own binaryen pipeline stops at shrinkLevel 1
// and does not converge; a final `wasm-opt -O3` pass removes ~85 B and makes
// the wasm2c code on Cortex-M3 about 1% shorter to run (low-rank, N = 50,
// K = 100, -O2 unchecked: 15,567 -> 15,391 instructions per free step,
// 24,315 -> 24,139 learning). `-Oz` saves 22 B more but costs 3% there
// (16,052 / 24,561), so speed wins. It never touches the arithmetic.
// The goldens (test/golden.test.ts) and every runtime target check that the
// bits stay the same. Features are pinned to what asc emits, so wasm-opt
// never introduces an instruction that WABT 1.0.32 (wasm2c, wasm-interp)
// or an older engine lacks.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const bin = (t) => root + 'node_modules/.bin/' + t;
const FEATURES = ['--enable-bulk-memory', '--enable-sign-ext', '--enable-mutable-globals', '--enable-nontrapping-float-to-int'];

/** wasm-opt's arguments for a built target of asconfig.json (`conf`), or null for a debug build. */
export function optArgs(conf, file = conf.outFile) {
  if (conf.debug) return null;
  const simd = (conf.enable ?? []).includes('simd') ? ['--enable-simd'] : [];
  return [...FEATURES, ...simd, '-O3', file, '-o', file];
}

/** Build `target`; returns the output file. */
export function asbuild(target) {
  const targets = JSON.parse(readFileSync(root + 'asconfig.json', 'utf8')).targets;
  const conf = targets[target];
  if (!conf) throw new Error(`asbuild: no target "${target}" in asconfig.json (have ${Object.keys(targets).join(', ')})`);
  execFileSync(bin('asc'), ['assembly/index.ts', '--target', target], { cwd: root, stdio: 'inherit' });
  const opt = optArgs(conf);
  if (!opt) return conf.outFile;
  execFileSync(bin('wasm-opt'), opt, { cwd: root, stdio: 'inherit' });
  if (conf.textFile) execFileSync(bin('wasm-dis'), [...opt.slice(0, -4), conf.outFile, '-o', conf.textFile], { cwd: root, stdio: 'inherit' });
  return conf.outFile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const targets = process.argv.slice(2);
  if (!targets.length) { console.error('usage: node scripts/asbuild.mjs TARGET...'); process.exit(2); }
  for (const t of targets) asbuild(t);
}
