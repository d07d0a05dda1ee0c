// The pictures of a free run: target vs network (time course and phase plane)
// and the spike raster. Used as one standalone SVG by `ebnkit train` and as
// separate panels by the HTML report.
import type { FreeRun } from '../evaluate.js';
import { figure, lineChart, phasePlot, raster, type Panel, type Series } from '../plot/index.js';

/** Coordinate j of a steps x J trace, first n steps. */
export const column = (a: Float64Array, J: number, j: number, n: number): Float64Array => Float64Array.from({ length: n }, (_, s) => a[s * J + j]!);

/** Spikes of the run in its first `steps` steps, in seconds from the start of the free run. */
export function rasterWindow(run: FreeRun, steps: number): { t: number[]; neuron: number[] } {
  const t: number[] = [];
  const neuron: number[] = [];
  for (let q = 0; q < run.spikeSteps.length; q++) {
    const s = run.spikeSteps[q]! - run.start;
    if (s >= steps) break;
    t.push(s * run.dt);
    neuron.push(run.spikeNeurons[q]!);
  }
  return { t, neuron };
}

export interface FreeRunPanels {
  course: Panel;
  phase?: Panel;
  raster: Panel;
  steps: number;
}

export function freeRunPanels(run: FreeRun, N: number, seconds = 4): FreeRunPanels {
  const { dt, J } = run;
  const steps = Math.min(Math.round(seconds / dt), run.x.length / J);
  const t = Float64Array.from({ length: steps }, (_, s) => s * dt);
  const series: Series[] = [];
  for (let j = 0; j < Math.min(J, 3); j++) {
    series.push({ name: `x${j + 1} target`, x: t, y: column(run.x, J, j, steps), dashed: true });
    series.push({ name: `x${j + 1} network`, x: t, y: column(run.xhat, J, j, steps) });
  }
  const n = run.xhat.length / J;
  return {
    steps,
    course: lineChart({ title: 'Time course (free run, feedback off)', xLabel: 't (s)', yLabel: 'x', series, width: 720 }),
    ...(J >= 2
      ? {
          phase: phasePlot({
            title: 'Phase plane',
            xLabel: 'x1',
            yLabel: 'x2',
            series: [
              { name: 'target', x: column(run.x, J, 0, n), y: column(run.x, J, 1, n), dashed: true },
              { name: 'network', x: column(run.xhat, J, 0, n), y: column(run.xhat, J, 1, n) },
            ],
            width: 360,
          }),
        }
      : {}),
    raster: raster({ title: `Spike raster (${N} neurons)`, neurons: N, tStart: 0, tEnd: steps * dt, spikes: rasterWindow(run, steps), width: 1080 }),
  };
}

export function freeRunFigure(run: FreeRun, N: number, title: string, seconds = 4): string {
  const p = freeRunPanels(run, N, seconds);
  return figure([p.course, ...(p.phase ? [p.phase] : []), p.raster], { columns: 2, title });
}
