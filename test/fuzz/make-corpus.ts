// Writes the seed corpus of the fuzz targets (test/fuzz/corpus/<target>/).
// Run once; the files are checked in. Regenerate after a format change:
//   scripts/run-ts.sh test/fuzz/make-corpus.ts
// Findings saved by fuzz.ts (crash-*) live beside these seeds and are kept.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModel } from '../../src/model.js';
import { quantize } from '../../src/quantize.js';
import { createNetwork } from '../../src/spec.js';
import { CORPUS } from './inputs.js';

const dir = (t: string) => (mkdirSync(join(CORPUS, t), { recursive: true }), join(CORPUS, t));
const nets = {
  dense: createNetwork({ neurons: 6, dendrites: 4, seed: 1 }),
  lowrank: createNetwork({ neurons: 8, dendrites: 3, seed: 2, dims: 2 }),
  linearAll: createNetwork({ neurons: 5, dendrites: 2, seed: 3, dims: 3, linear: true, policy: 'all' }),
};
writeFileSync(join(dir('image'), 'seed-dense-q24.bin'), quantize(nets.dense).image);
writeFileSync(join(dir('image'), 'seed-lowrank.bin'), quantize(nets.lowrank, 'q24', { mode: 'lowrank' }).image);
writeFileSync(join(dir('image'), 'seed-linear-all-loihi.bin'), quantize(nets.linearAll, 'loihi').image);
writeFileSync(join(dir('model'), 'seed-dense.ebn'), encodeModel({ spec: nets.dense, image: quantize(nets.dense).image, meta: { system: 'vanderpol', seed: 1 } }));
writeFileSync(join(dir('model'), 'seed-lowrank-xylo.ebn'), encodeModel({ spec: nets.lowrank, image: quantize(nets.lowrank, 'xylo', { mode: 'lowrank' }).image, meta: {} }));
for (const p of ['cortex-m4.json', 'loihi.json']) copyFileSync(join('profiles', p), join(dir('profile'), `seed-${p}`));
writeFileSync(join(dir('cli'), 'seed-lines.jsonl'), [
  ['train', 'vanderpol', '--seconds', '10', '--neurons', '20', '--seed', '3', '--out', 'x.ebn', '--quiet'],
  ['run', 'm.ebn', '--seconds', '5', '--x0', '1,0', '--kill', '0.5', '--noise', '0.1', '--out', 'r.csv'],
  ['eval', 'm.ebn', '--seeds', '3', '--executor', 'reference', '--format', 'w16'],
  ['energy', 'm.ebn', '--profile', 'loihi,cortex-m4', '--slow-path', 'factored', '--policy', 'both'],
  ['export', 'm.ebn', '--out', 'm.json'], ['upgrade', 'old.ebn'], ['systems', '--json'], ['profiles', '--check', 'p.json'],
].map((l) => JSON.stringify(l)).join('\n') + '\n');
writeFileSync(join(dir('expr'), 'seed-lines.txt'), [
  'y', '-x + 0.5 * (1 - x^2) * y', 'x2', '10 * (y - x)', 'x * (28 - z) - y', 'x*y - 8/3*z', 'sin(x1) - 0.1 * x2', 'atan2(y, x) ** 2',
  'min(max(x, -1), 1)', 'exp(-x^2) * cos(pi * y)', '-(-(-x))', '2^3^2', 'log(abs(x) + 1e-3)', 'sqrt(x*x + y*y)',
].join('\n') + '\n');
console.log(`corpus written to ${CORPUS}`);
