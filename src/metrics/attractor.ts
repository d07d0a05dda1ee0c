// Chaotic attractors: statistics that do not depend on the exact trajectory
// (which diverges by nature): per-coordinate mean and standard deviation, the
// lobe-switching rate (sign changes of x1 with hysteresis), and the return map
// of successive maxima of the last coordinate (Lorenz 1963).

export interface AttractorStats {
  mean: number[];
  std: number[];
  /** Lobe switches per second (sign changes of coordinate 0, with hysteresis). */
  switchRate: number;
  /** Successive maxima (z_n, z_n+1) of the last coordinate. */
  returnMap: [number, number][];
}

/**
 * ref: the true attractor's statistics. Lobe switches are then counted with
 * hysteresis of half the TRUE std of x1 around the true mean, so that spike
 * jitter around a point (a collapsed network) cannot count as switching.
 */
export function attractorStats(traj: ArrayLike<number>, J: number, dt: number, skip = 0, ref?: Pick<AttractorStats, 'mean' | 'std'>): AttractorStats {
  const n0 = Math.round(skip / dt);
  const n = Math.floor(traj.length / J);
  const mean = new Array<number>(J).fill(0);
  const sq = new Array<number>(J).fill(0);
  for (let s = n0; s < n; s++)
    for (let j = 0; j < J; j++) {
      const v = traj[s * J + j]!;
      mean[j] = mean[j]! + v;
      sq[j] = sq[j]! + v * v;
    }
  const cnt = Math.max(1, n - n0);
  const m = mean.map((v) => v / cnt);
  const std = sq.map((v, j) => Math.sqrt(Math.max(0, v / cnt - m[j]! ** 2)));
  // lobe switches: x1 crosses from one side (beyond +-h) to the other
  const h = ref ? 0.5 * ref.std[0]! : 0.25 * std[0]!;
  const c0 = ref ? ref.mean[0]! : m[0]!;
  let side = 0;
  let switches = 0;
  for (let s = n0; s < n; s++) {
    const v = traj[s * J]! - c0;
    const now = v > h ? 1 : v < -h ? -1 : 0;
    if (now !== 0 && now !== side) {
      if (side !== 0) switches++;
      side = now;
    }
  }
  const z = J - 1;
  const maxima: number[] = [];
  for (let s = n0 + 1; s < n - 1; s++) {
    const a = traj[(s - 1) * J + z]!;
    const b = traj[s * J + z]!;
    const c = traj[(s + 1) * J + z]!;
    if (b > a && b >= c && b > m[z]!) maxima.push(b);
  }
  const returnMap: [number, number][] = [];
  for (let q = 1; q < maxima.length; q++) returnMap.push([maxima[q - 1]!, maxima[q]!]);
  return { mean: m, std, switchRate: switches / (cnt * dt), returnMap };
}

/** Worst relative error of means (relative to the true std) and of stds. */
export function attractorError(got: AttractorStats, truth: AttractorStats): { mean: number; std: number } {
  let em = 0;
  let es = 0;
  for (let j = 0; j < truth.mean.length; j++) {
    em = Math.max(em, Math.abs(got.mean[j]! - truth.mean[j]!) / truth.std[j]!);
    es = Math.max(es, Math.abs(got.std[j]! - truth.std[j]!) / truth.std[j]!);
  }
  return { mean: em, std: es };
}

/**
 * Collapsed: the network's trajectory no longer fills the attractor: some
 * coordinate's std is below a third of the true one, or x1 stops switching
 * lobes while the true system switches (a fixed point or a small cycle).
 */
export function collapsed(got: AttractorStats, truth: AttractorStats): boolean {
  if (got.std.some((s, j) => !(s >= truth.std[j]! / 3))) return true;
  return truth.switchRate > 0 && got.switchRate < 0.2 * truth.switchRate;
}
