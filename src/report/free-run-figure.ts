// The main job's picture: target vs network (time course and phase plane)
// and the spike raster of the free run, as one standalone SVG.
import type { FreeRun } from '../evaluate.js';
import { figure, lineChart, phasePlot, raster, type Series } from '../plot/index.js';

export function freeRunFigure(run: FreeRun, N: number, title: string, seconds = 4): string {
  const { dt, J } = run;
  const steps = Math.min(Math.round(seconds / dt), run.x.length / J);
  const t = Float64Array.from({ length: steps }, (_, s) => s * dt);
  const coord = (a: Float64Array, j: number) => Float64Array.from({ length: steps }, (_, s) => a[J * s + j]!);
  const course: Series[] = [];
  for (let j = 0; j < Math.min(J, 3); j++) {
    course.push({ name: `x${j + 1} target`, x: t, y: coord(run.x, j), dashed: true });
    course.push({ name: `x${j + 1} network`, x: t, y: coord(run.xhat, j) });
  }
  const panels = [lineChart({ title: 'Time course (free run, feedback off)', xLabel: 't (s)', yLabel: 'x', series: course, width: 720 })];
  if (J >= 2)
    panels.push(
      phasePlot({
        title: 'Phase plane',
        xLabel: 'x1',
        yLabel: 'x2',
        series: [
          { name: 'target', x: coord(run.x, 0), y: coord(run.x, 1), dashed: true },
          { name: 'network', x: coord(run.xhat, 0), y: coord(run.xhat, 1) },
        ],
        width: 360,
      }),
    );
  const ts: number[] = [];
  const ns: number[] = [];
  for (let q = 0; q < run.spikeSteps.length; q++) {
    const s = run.spikeSteps[q]! - run.start;
    if (s >= steps) break;
    ts.push(s * dt);
    ns.push(run.spikeNeurons[q]!);
  }
  panels.push(raster({ title: `Spike raster (${N} neurons)`, neurons: N, tStart: 0, tEnd: steps * dt, spikes: { t: ts, neuron: ns }, width: 1080 }));
  return figure(panels, { columns: 2, title });
}
