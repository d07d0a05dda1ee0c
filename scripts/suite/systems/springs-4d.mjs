// Two damped masses on springs, coupled (linear, 4-D), positions in metres
// (state scale 0.05): x1' = v1, v1' = -2k x1 + k x2 - c v1, and symmetric.
const k = 40, c = 2;
export default {
  name: 'springs-4d',
  description: 'two coupled damped springs (4-D linear), positions ~0.05 m',
  kind: 'linear',
  dims: 4,
  f: ([x1, v1, x2, v2]) => [v1, -2 * k * x1 + k * x2 - c * v1, v2, k * x1 - 2 * k * x2 - c * v2],
  domain: [[-0.06, 0.06], [-0.5, 0.5], [-0.06, 0.06], [-0.5, 0.5]],
  starts: [[-0.03, 0.03], [-0.2, 0.2], [-0.03, 0.03], [-0.2, 0.2]],
};
