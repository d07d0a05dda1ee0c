// 1-D population with an Allee threshold: stable at 0 and at K = 100,
// unstable at A = 30 (state scale 100).
const r = 1, A = 30, K = 100;
export default {
  name: 'allee-1d',
  description: 'Allee population dx/dt = r x (x/A - 1)(1 - x/K), fixed points 0 and 100 (threshold 30)',
  kind: 'fixed-points',
  dims: 1,
  f: ([x]) => [r * x * (x / A - 1) * (1 - x / K)],
  domain: [[-20, 130]],
  starts: [[-10, 120]],
};
