// NIR's HDF5 file (Node only), written with h5wasm in the layout of
// neuromorphs/NIR nir/serialization.py (write): a root dataset "version",
// a group "node" holding the graph: "type" = "NIRGraph", "nodes/<name>/..."
// (each node a group with a "type" string and its arrays), "edges" (E x 2
// strings) and "metadata". The file is written beside the target and renamed
// over it, so a failed save never destroys the previous file.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NirArray, NirGraph, NirNode, NirValue } from './nir.js';

/** The NIR release whose serialization layout this follows (neuromorphs/NIR tag v1.0.7). */
export const NIR_VERSION = '1.0.7';

type H5 = typeof import('h5wasm/node').default;
let lib: Promise<H5> | null = null;
async function h5(): Promise<H5> {
  lib ??= import('h5wasm/node').then(async (m) => {
    await m.default.ready;
    return m.default;
  });
  return lib;
}

type Group = { create_group(name: string): Group; create_dataset(o: { name: string; data: unknown; shape?: number[] }): unknown };

function put(g: Group, name: string, v: NirValue): void {
  if (typeof v === 'string') g.create_dataset({ name, data: v });
  else if (typeof v === 'number') g.create_dataset({ name, data: new Float64Array([v]), shape: [] });
  else g.create_dataset({ name, data: v.data, shape: v.shape });
}

/** Write a NIR graph to an HDF5 file (atomically). */
export async function writeNir(path: string, graph: NirGraph): Promise<void> {
  const H = await h5();
  const tmp = join(dirname(path), `.${Date.now()}.${process.pid}.nir.tmp`);
  try {
    const f = new H.File(tmp, 'w');
    try {
      f.create_dataset({ name: 'version', data: NIR_VERSION });
      const node = f.create_group('node') as unknown as Group;
      node.create_dataset({ name: 'type', data: 'NIRGraph' });
      const nodes = node.create_group('nodes');
      for (const [name, n] of Object.entries(graph.nodes)) {
        const g = nodes.create_group(name);
        for (const [k, v] of Object.entries(n)) put(g, k, v);
      }
      node.create_dataset({ name: 'edges', data: graph.edges.flat(), shape: [graph.edges.length, 2] });
      const meta = node.create_group('metadata');
      for (const [k, v] of Object.entries(graph.metadata)) put(meta, k, v);
    } finally {
      f.close();
    }
    renameSync(tmp, path);
  } catch (e) {
    if (existsSync(tmp)) rmSync(tmp);
    throw e;
  }
}

const HDF5_SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

export class NirError extends Error {
  override name = 'NirError';
}

/** Read a NIR HDF5 file back into the same plain graph (for checks and round trips). */
export async function readNir(path: string): Promise<{ version: string; graph: NirGraph }> {
  const H = await h5();
  if (!existsSync(path)) throw new NirError(`${path}: no such file`);
  const head = readFileSync(path).subarray(0, 8);
  if (!head.equals(HDF5_SIGNATURE)) throw new NirError(`${path}: not an HDF5 file (no HDF5 signature)`);
  const f = new H.File(path, 'r');
  try {
    const get = (p: string) => f.get(p) as unknown as { value: unknown; shape: number[]; keys?: () => string[] } | null;
    const version = get('version')?.value;
    if (typeof version !== 'string') throw new NirError(`${path}: no NIR "version" dataset`);
    if (get('node/type')?.value !== 'NIRGraph') throw new NirError(`${path}: node/type is not "NIRGraph"`);
    const read = (p: string): NirValue => {
      const d = get(p)!;
      if (typeof d.value === 'string') return d.value;
      if (typeof d.value === 'number' || typeof d.value === 'bigint') return Number(d.value);
      const data = Float64Array.from(d.value as ArrayLike<number>);
      return d.shape.length === 0 ? data[0]! : ({ shape: [...d.shape], data } satisfies NirArray);
    };
    const nodes: Record<string, NirNode> = {};
    for (const name of get('node/nodes')!.keys!()) {
      const n: Record<string, NirValue> = {};
      for (const k of get(`node/nodes/${name}`)!.keys!()) n[k] = read(`node/nodes/${name}/${k}`);
      nodes[name] = n as NirNode;
    }
    const flat = get('node/edges')!.value as string[];
    const edges: [string, string][] = [];
    for (let i = 0; i < flat.length; i += 2) edges.push([flat[i]!, flat[i + 1]!]);
    const metadata: Record<string, NirValue> = {};
    const m = get('node/metadata');
    if (m) for (const k of m.keys!()) metadata[k] = read(`node/metadata/${k}`);
    return { version, graph: { nodes, edges, metadata } };
  } finally {
    f.close();
  }
}
