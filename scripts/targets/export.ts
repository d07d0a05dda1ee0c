// Write the files the C runners consume: `npm run targets:export -- [dir]`
// (default build/targets): goldens.tapes, vdp_data.h, vdp.json.
import { resolve } from 'node:path';
import { writeGoldenTapes, writeVdp } from '../../test/targets/lib/artifacts.js';

const dir = resolve(process.argv[2] ?? 'build/targets');
const recs = writeGoldenTapes(dir);
const v = writeVdp(dir);
console.log(`${dir}: goldens.tapes (${recs.length} scenarios), vdp_data.h (N=${v.N}, K=${v.K}, image ${v.image.length} B, trained in ${v.trainSeconds.toFixed(1)} s)`);
