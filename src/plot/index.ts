// Dependency-free SVG plotting: chart panels plus figure() to compose them.
export { escapeXml, fmt, px, pathD, niceTicks, niceStep, PALETTE, color, textWidth } from './svg.js';
export {
  lineChart,
  phasePlot,
  raster,
  histogram,
  barChart,
  decimateMinMax,
  figure,
  type FigureOptions,
  type Panel,
  type Series,
  type LineChartOptions,
  type PhasePlotOptions,
  type RasterOptions,
  type HistogramOptions,
  type BarChartOptions,
} from './charts.js';

