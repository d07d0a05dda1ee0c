// Three water tanks in cascade (driven, nonlinear): outflow k sqrt(h),
// inflow q0 + c; levels in metres, equilibrium 4 m each.
const k = 5, q0 = 10;
const s = (h) => Math.sqrt(Math.max(h, 0));
export default {
  name: 'tanks-3d',
  description: 'three tanks in cascade, outflow k sqrt(h), driven inflows',
  kind: 'driven',
  dims: 3,
  f: ([h1, h2, h3]) => [q0 - k * s(h1), k * s(h1) - k * s(h2), k * s(h2) - k * s(h3)],
  domain: [[1, 9], [1, 9], [1, 9]],
  starts: [[2.5, 6], [2.5, 6], [2.5, 6]],
};
