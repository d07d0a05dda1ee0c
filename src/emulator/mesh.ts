// The 2-D mesh: routers at (x, y), directed links between neighbours, and
// dimension-order (X then Y) multicast. A packet from a source router to a set
// of destination routers travels along its row to each destination's column,
// then along that column; links shared by several destinations carry the
// packet once (the union of the X-Y paths is a tree).

export type Dir = 0 | 1 | 2 | 3; // E, W, N (y+1), S (y-1)
export const DIR_NAMES = ['E', 'W', 'N', 'S'] as const;

export interface Mesh {
  width: number;
  height: number;
}

/** Directed link id: the router it leaves and its direction. */
export const linkId = (m: Mesh, x: number, y: number, d: Dir): number => (y * m.width + x) * 4 + d;

export function linkName(m: Mesh, id: number): string {
  const d = id % 4;
  const node = Math.floor(id / 4);
  const x = node % m.width;
  const y = Math.floor(node / m.width);
  const [nx, ny] = d === 0 ? [x + 1, y] : d === 1 ? [x - 1, y] : d === 2 ? [x, y + 1] : [x, y - 1];
  return `(${x},${y})->(${nx},${ny})`;
}

export interface Multicast {
  /** Links the packet crosses, each once. */
  links: Int32Array;
  hopsEW: number;
  hopsNS: number;
  /** Destination routers reached (copies delivered into cores are counted by the caller). */
  nodes: number;
  /** Longest X and Y hop counts to one destination (for latency). */
  far: { ew: number; ns: number }[];
}

export function multicast(m: Mesh, sx: number, sy: number, dests: Iterable<{ x: number; y: number }>): Multicast {
  const links = new Set<number>();
  let hopsEW = 0;
  let hopsNS = 0;
  const seen = new Set<string>();
  const far: { ew: number; ns: number }[] = [];
  const add = (id: number, ew: boolean) => {
    if (links.has(id)) return;
    links.add(id);
    if (ew) hopsEW++;
    else hopsNS++;
  };
  for (const { x: dx, y: dy } of dests) {
    const key = `${dx},${dy}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (let x = sx; x !== dx; x += dx > sx ? 1 : -1) add(linkId(m, x, sy, dx > sx ? 0 : 1), true);
    for (let y = sy; y !== dy; y += dy > sy ? 1 : -1) add(linkId(m, dx, y, dy > sy ? 2 : 3), false);
    far.push({ ew: Math.abs(dx - sx), ns: Math.abs(dy - sy) });
  }
  return { links: Int32Array.from(links), hopsEW, hopsNS, nodes: seen.size, far };
}
