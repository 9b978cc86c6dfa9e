// Chart.js, with only the parts the figures page draws (bars, lines, their scales, the legend and
// the tooltip) registered, so its chunk stays small. Only this module imports the library, and
// the page loads it when it first draws a chart: it is never part of the first download.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import { chartConfig, type ChartSpec } from './chart-spec';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface DrawnChart {
  destroy(): void;
}

/** Draws the chart on the canvas; destroy it before the canvas goes or draws another. */
export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec): DrawnChart {
  return new Chart(canvas, chartConfig(spec));
}
