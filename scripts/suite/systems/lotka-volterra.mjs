// Lotka-Volterra predator-prey: neutral cycles around (20, 10), conserving
// H = delta x - gamma ln x + beta y - alpha ln y. Time x 2 (period ~3 s).
const al = 2, be = 0.2, de = 0.1, ga = 2;
export default {
  name: 'lotka-volterra',
  description: 'Lotka-Volterra predator-prey (neutral cycles, invariant given)',
  kind: 'conservative',
  dims: 2,
  f: ([x, y]) => [al * x - be * x * y, de * x * y - ga * y],
  invariant: ([x, y]) => de * x - ga * Math.log(x) + be * y - al * Math.log(y),
  domain: [[2, 56], [1, 28]],
  starts: [[12, 30], [6, 14]],
};
