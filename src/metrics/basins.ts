// Basins judged by the true system (DESIGN.md section 6): from the state at
// switch-off the true system is run as long as the network, and its end state
// says which attractor that start belongs to. The network's start counts as
// correct when its own end state is nearest to that same attractor (among all
// attractors the true runs found), within `tol`, and at rest. No assumption
// about where the fixed points are or what separates them.

export interface BasinVerdict {
  accuracy: number;
  /** Worst attractor: |mean network end - attractor| / scale, over the starts that ended there. */
  positionError: number;
  /** Attractors the true runs found. */
  attractors: number[][];
}

const dist = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j]! - b[j]!) ** 2;
  return Math.sqrt(s);
};

/**
 * netEnds / trueEnds: end states per start; netAtRest: whether the network's
 * state stopped moving (e.g. its last stretch stays within tol); tol: distance
 * below which two ends are the same attractor; scale: what position errors are
 * relative to (the normalised box half-width).
 */
export function basinVerdict(netEnds: number[][], trueEnds: number[][], netAtRest: boolean[], tol: number, scale: number): BasinVerdict {
  const attractors: number[][] = [];
  const members: number[][] = [];
  const label = trueEnds.map((e) => {
    let a = attractors.findIndex((c) => dist(c, e) < tol);
    if (a < 0) {
      attractors.push([...e]);
      members.push([]);
      a = attractors.length - 1;
    }
    return a;
  });
  // attractor = mean of its true ends
  label.forEach((a, q) => members[a]!.push(q));
  members.forEach((m, a) => {
    attractors[a] = attractors[a]!.map((_, j) => m.reduce((s, q) => s + trueEnds[q]![j]!, 0) / m.length);
  });
  let correct = 0;
  const sums = attractors.map((c) => ({ n: 0, s: c.map(() => 0) }));
  netEnds.forEach((e, q) => {
    let best = 0;
    for (let a = 1; a < attractors.length; a++) if (dist(attractors[a]!, e) < dist(attractors[best]!, e)) best = a;
    if (best === label[q] && dist(attractors[best]!, e) < tol && netAtRest[q]) {
      correct++;
      sums[best]!.n++;
      e.forEach((v, j) => (sums[best]!.s[j] = sums[best]!.s[j]! + v));
    }
  });
  let positionError = 0;
  sums.forEach((s, a) => {
    const err = s.n ? dist(s.s.map((v) => v / s.n), attractors[a]!) / scale : Infinity;
    positionError = Math.max(positionError, err);
  });
  return { accuracy: netEnds.length ? correct / netEnds.length : 0, positionError, attractors };
}

/**
 * At rest: over the last `tail` steps the state jitters around one point
 * (RMS distance from the tail's mean <= tol) and does not drift (the means
 * of the tail's two halves are within tol). Measured against the tail's mean,
 * not its last sample: a spiking readout jitters by about one decoder length
 * around a fixed point, and a single jittered last sample made every other
 * sample look "far" (14 of 40 bistable starts under the parallel rule were
 * refused although all ended at the right fixed point).
 */
export function atRest(traj: ArrayLike<number>, J: number, tail: number, tol: number): boolean {
  const n = Math.floor(traj.length / J);
  const from = Math.max(0, n - tail);
  const m = n - from;
  if (m < 2) return m === 1;
  const half = from + Math.floor(m / 2);
  const mean = (a: number, b: number) =>
    Array.from({ length: J }, (_, j) => {
      let s = 0;
      for (let t = a; t < b; t++) s += traj[t * J + j]!;
      return s / (b - a);
    });
  const mu = mean(from, n);
  let ss = 0;
  for (let t = from; t < n; t++) for (let j = 0; j < J; j++) ss += (traj[t * J + j]! - mu[j]!) ** 2;
  return Math.sqrt(ss / m) <= tol && dist(mean(from, half), mean(half, n)) <= tol;
}
