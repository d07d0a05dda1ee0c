// Regenerate test/golden/kernel-detail.json (the per-step detail of
// test/golden/kernel.json): `npm run targets:golden-detail`, after `npm run golden`.
// Refuses to write detail that does not hash to the records in kernel.json.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { encodeDetail } from '../../test/targets/lib/golden.js';
import { recordGoldens } from '../../test/targets/lib/scenarios.js';
import { compareMark } from '../../test/targets/lib/compare.js';
import { KERNEL_SHA256 } from '../../src/kernel/module.js';

const golden = JSON.parse(readFileSync(resolve('test/golden/kernel.json'), 'utf8'));
const recs = recordGoldens();
const bad = recs.flatMap((r) => compareMark(golden.scenarios[r.tape.name], r.result.marks.at(-1)).map((b) => `${r.tape.name}: ${b}`));
if (bad.length) {
  console.error(`the kernel does not reproduce test/golden/kernel.json; run \`npm run golden\` first if the change is intended:\n  ${bad.join('\n  ')}`);
  process.exit(1);
}
const path = resolve('test/golden/kernel-detail.json');
writeFileSync(path + '.tmp', encodeDetail(KERNEL_SHA256, recs.map((r) => r.result)));
renameSync(path + '.tmp', path);
const spikes = recs.reduce((s, r) => s + r.result.raster.length / 2, 0);
console.log(`wrote ${path}: ${recs.length} scenarios, ${spikes} spikes, kernel ${KERNEL_SHA256.slice(0, 16)}`);
