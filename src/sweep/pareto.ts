// Pareto fronts: the points no other point beats on every objective at once
// (all objectives minimised). O(n^2): report sizes are thousands, not millions.

/** Indices of the non-dominated points; a point with a non-finite objective is never on the front. */
export function paretoFront(points: number[][]): number[] {
  const finite = points.map((p) => p.every(Number.isFinite));
  const dominates = (a: number[], b: number[]) => a.every((v, i) => v <= b[i]!) && a.some((v, i) => v < b[i]!);
  const out: number[] = [];
  points.forEach((p, i) => {
    if (!finite[i]) return;
    if (!points.some((q, j) => j !== i && finite[j] && dominates(q, p))) out.push(i);
  });
  return out;
}

/** The error a job is judged by, by system kind: the first of these its metrics have. */
const ERROR_KEYS = ['amplitudeError', 'attractorMeanError', 'meanError', 'unseenInputError', 'trajectoryError', 'shortHorizonError'] as const;

export function primaryError(m: Record<string, unknown> | undefined): { name: string; value: number } | null {
  if (!m) return null;
  if (typeof m.basinAccuracy === 'number') return { name: 'basin miss (1 - accuracy)', value: 1 - m.basinAccuracy };
  for (const k of ERROR_KEYS) if (typeof m[k] === 'number') return { name: k, value: m[k] as number };
  return null;
}
