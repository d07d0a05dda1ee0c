// Regenerate test/golden/kernel.json: `npm run golden`. Review the diff: a
// change here means the kernel's bits changed.
import { writeFileSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { SCENARIOS } from '../test/golden/scenarios.js';
import { KERNEL_SHA256 } from '../src/kernel/module.js';

const out: Record<string, unknown> = { kernelSha256: KERNEL_SHA256, scenarios: {} };
for (const [name, run] of Object.entries(SCENARIOS)) (out.scenarios as Record<string, unknown>)[name] = run();
const path = resolve('test/golden/kernel.json'); // run from the package root
writeFileSync(path + '.tmp', JSON.stringify(out, null, 2) + '\n');
renameSync(path + '.tmp', path);
console.log(`wrote ${path}: ${Object.keys(SCENARIOS).length} scenarios, kernel ${KERNEL_SHA256.slice(0, 16)}`);
