// Files the non-JS runners consume, written into one directory:
//   goldens.tapes   the golden scenarios as a tape bundle (C drivers)
//   vdp_data.h      the firmware's image, targets and parameters (flash)
//   vdp.json        the Node result of the firmware scenario
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordGoldens, recordVdp, vdpHeader, type VdpScenario } from './scenarios.js';
import { bundleTapes, type Recording, type RecordOptions, type TapeResult } from './tape.js';

export function writeGoldenTapes(dir: string, o: RecordOptions = {}): Recording[] {
  mkdirSync(dir, { recursive: true });
  const recs = recordGoldens(o);
  writeFileSync(join(dir, 'goldens.tapes'), bundleTapes(recs.map((r) => r.tape)));
  return recs;
}

export function writeVdp(dir: string, o: RecordOptions = {}): VdpScenario {
  mkdirSync(dir, { recursive: true });
  const v = recordVdp(o);
  writeFileSync(join(dir, 'vdp_data.h'), vdpHeader(v));
  writeFileSync(join(dir, 'vdp.json'), JSON.stringify(serialize(v.recording.result)) + '\n');
  return v;
}

export function serialize(r: TapeResult) {
  return { name: r.name, marks: r.marks, raster: Array.from(r.raster) };
}
