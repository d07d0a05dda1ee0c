// `ebnkit export-nir <model>` and `ebnkit export-sanafe <model> --profile p`:
// the trained network in the formats other neuromorphic tools read. NIR: the
// linear part as LIF / Linear / LI nodes, the rest in metadata (emulator/nir.ts).
// SANA-FE: the profile's architecture YAML and the mapped network's SNN YAML.
import { basename, join } from 'node:path';
import { runnableForm } from '../emulator/capability.js';
import { loadProfile } from '../emulator/load-node.js';
import { FitError, mapNetwork } from '../emulator/mapping.js';
import { UsageError } from './common.js';
import type { SlowPath } from '../emulator/network.js';
import { nirGraph } from '../emulator/nir.js';
import { writeNir } from '../emulator/nir-hdf5.js';
import { sanafeArchitecture, sanafeNetwork } from '../emulator/sanafe.js';
import { readImage } from '../image.js';
import { FORMATS } from '../presets.js';
import { loadModel, writeAtomic } from '../node/files.js';

export const HELP_NIR = `usage: ebnkit export-nir <model.ebn> [--out file.nir]

Writes the network as NIR (Neuromorphic Intermediate Representation, HDF5):
input -> Linear D^T -> LIF <-> Linear -Of (fast), LIF -> LI (filtered trains)
-> Linear D -> output, and the linear slow path Linear Os_lin. The tanh
dendrites, the subtractive reset, the spike rule and the fixed-point formats
need NIR extensions: they are written into the file's metadata
(docs/emulator.md, "Interchange"). Default out: <model>.nir beside the model.`;

export const HELP_SANAFE = `usage: ebnkit export-sanafe <model.ebn> [--profile loihi] [--slow-path dense|factored] [--out dir]

Writes SANA-FE's architecture YAML for a neuromorphic profile and the network
YAML of the model mapped onto it (<out>/<profile>.arch.yaml and
<out>/<model>.<profile>.net.yaml; default out: the model's folder).`;

const stem = (path: string) => basename(path).replace(/(\.model)?\.(json|ebn)$/i, '');

export async function runExportNir(o: { model: string; out?: string }): Promise<{ file: string; nodes: string[]; edges: number }> {
  const m = loadModel(o.model);
  const id = readImage(m.image).header.format;
  const f = Object.values(FORMATS).find((x) => x.id === id);
  const graph = nirGraph(m.spec, { format: f ? `${f.name}: ${f.description}` : `format id ${id}` });
  const file = o.out ?? join(o.model, '..', `${stem(o.model)}.nir`);
  await writeNir(file, graph);
  return { file, nodes: Object.keys(graph.nodes), edges: graph.edges.length };
}

export function runExportSanafe(o: { model: string; profile?: string; slowPath?: SlowPath; outDir?: string }): { arch: string; net: string; cores: number; form: string } {
  const m = loadModel(o.model);
  const p = loadProfile(o.profile ?? 'loihi');
  const form = runnableForm(p, o.slowPath ?? 'dense');
  let map;
  try {
    map = mapNetwork(m.spec, p, { slowPath: form.slowPath, dendrites: form.dendrites });
  } catch (e) {
    if (e instanceof FitError) throw new UsageError(e.message);
    throw e;
  }
  const dir = o.outDir ?? join(o.model, '..');
  const arch = join(dir, `${p.name}.arch.yaml`);
  const net = join(dir, `${stem(o.model)}.${p.name}.net.yaml`);
  writeAtomic(arch, sanafeArchitecture(p));
  writeAtomic(net, sanafeNetwork(m.spec, p, map));
  return { arch, net, cores: map.cores.length, form: `${form.slowPath} slow path, ${form.dendrites} dendrites` };
}
