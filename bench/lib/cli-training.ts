// The CLI's training step alone, in a fresh Node process, timed: what
// `ebnkit train <system> --no-search` runs before it assesses (src/commands/
// train.ts: resolveSystem, the shared builder trainingExecutor, train()).
// Prints one JSON line: wall and CPU ms from resolving the system to the end
// of training, and the learned bits (weightsHash) to check that the page
// trained the same network. Used by bench/playground.ts.
//   node cli-training.mjs <system> <seed>
import { resolveSystem } from '../../src/commands/common.js';
import { train } from '../../src/train.js';
import { trainingExecutor } from '../../src/training-network.js';

const [name = 'vanderpol', seedText = '1'] = process.argv.slice(2);
const seed = Number(seedText);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const w0 = performance.now(), c0 = cpu();
const sys = await resolveSystem(name);
const { ex, spec, mode } = trainingExecutor(sys, { seed, format: 'q24' });
const r = train(ex, sys, { ...sys.training, seed });
const wallMs = performance.now() - w0, cpuMs = cpu() - c0;
const weightsHash = ex.weightsHash();
console.log(JSON.stringify({ wallMs, cpuMs, weightsHash, N: spec.N, mode, simulated: r.simulated }));
