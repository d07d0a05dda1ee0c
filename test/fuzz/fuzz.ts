// Bounded fuzzing run (part of .ci/run): every target for --seconds each
// (default 30), seeds from the clock unless --seed is given (the seed is
// printed, so any finding replays). A finding is saved into the corpus as
// test/fuzz/corpus/<target>/crash-<seed>.<ext> and the run exits 1.
//   scripts/run-ts.sh test/fuzz/fuzz.ts [--seconds 30] [--seed n] [--target image,model,...]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS } from './inputs.js';
import { fuzz } from './run.js';
import { TARGETS, type TargetName } from './targets.js';

const { values } = parseArgs({ options: { seconds: { type: 'string' }, seed: { type: 'string' }, target: { type: 'string' } } });
const seconds = Number(values.seconds ?? 30);
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
const targets = (values.target?.split(',') ?? TARGETS) as TargetName[];
for (const t of targets) if (!TARGETS.includes(t)) throw new Error(`--target: "${t}" is not one of ${TARGETS.join(', ')}`);
if (!(seconds > 0)) throw new Error(`--seconds: "${values.seconds}" is not a positive number`);

let failed = false;
console.log(`fuzz: seed ${seed}, ${seconds} s per target`);
for (const t of targets) {
  const r = fuzz(t, { seed, seconds });
  console.log(`fuzz ${t.padEnd(8)} ${String(r.runs).padStart(8)} inputs in ${(r.ms / 1000).toFixed(1)} s (${r.accepted} accepted, ${r.refused} refused)${r.failure ? ' FINDING' : ''}`);
  if (r.failure) {
    failed = true;
    const x = r.failure.input;
    const [ext, data] = x instanceof Uint8Array ? ['bin', x] : typeof x === 'string' ? ['txt', x] : ['json', JSON.stringify(x) + '\n'];
    const file = join(CORPUS, t, `crash-${seed}.${ext}`);
    writeFileSync(file, data as string | Uint8Array);
    console.log(`  ${r.failure.error}\n  saved ${file}`);
  }
}
process.exit(failed ? 1 : 0);
