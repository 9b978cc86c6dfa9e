// What a chart of the figures shows, independent of the library that draws it, and the Chart.js
// configuration that draws it. Only types come from Chart.js here: the library itself is loaded
// by chart-setup.ts, when a chart is first shown.
import type { ChartConfiguration } from 'chart.js';

export interface ChartSeries {
  label: string;
  /** One value per label; null where there is none (a month without decisions has no median). */
  data: (number | null)[];
  colour: string;
  /** Drawn dashed (a line) so that it is told apart without its colour. */
  dashed?: boolean;
}

export interface ChartSpec {
  kind: 'bar' | 'line';
  labels: string[];
  series: ChartSeries[];
  /** Bars of the series stacked on one another (issued on refused). */
  stacked?: boolean;
  /** Bars lying down, the labels on the left (long names: the permit types). */
  horizontal?: boolean;
  /** What the values count: the value axis's title. */
  valueTitle: string;
}

/**
 * The colours of the series. Each has a contrast of at least 4.5:1 with the white page (WCAG
 * 1.4.11 asks 3:1 of a chart's parts); blue and orange stay apart for colour-blind readers, bars
 * are parted by a white edge, and the second line is dashed with other points.
 */
export const CHART_COLOURS = {
  first: '#0a4f86',
  second: '#b35900',
  /** Axis text: the site's muted text colour (7.6:1 on white). */
  text: '#4a5563',
  grid: '#d9dee5',
} as const;

type AnyConfiguration = ChartConfiguration<'bar' | 'line', (number | null)[], string | string[]>;

/** The most characters of a label drawn on one line beside bars lying down. */
export const LABEL_LINE = 28;

/** A long label as lines of whole words, each at most `width` characters where a word allows. */
export function wrapLabel(label: string, width = LABEL_LINE): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function chartConfig(spec: ChartSpec): AnyConfiguration {
  const horizontal = spec.kind === 'bar' && spec.horizontal === true;
  const valueAxis = horizontal ? 'x' : 'y';
  const categoryAxis = horizontal ? 'y' : 'x';
  const stacked = spec.kind === 'bar' && spec.stacked === true;
  const font = { family: getComputedFont(), size: 13 };
  return {
    type: spec.kind,
    data: {
      // Beside bars lying down, long names (the permit types') are wrapped onto a few lines.
      labels: horizontal ? spec.labels.map((label) => wrapLabel(label)) : spec.labels,
      datasets: spec.series.map((series, index) => ({
        label: series.label,
        data: series.data,
        backgroundColor: spec.kind === 'bar' ? series.colour : '#ffffff',
        borderColor: spec.kind === 'bar' ? '#ffffff' : series.colour,
        borderWidth: spec.kind === 'bar' ? 1 : 3,
        ...(spec.kind === 'line'
          ? {
              borderDash: series.dashed ? [8, 4] : [],
              pointStyle: index % 2 === 0 ? 'circle' : 'triangle',
              pointRadius: 4,
              pointBorderColor: series.colour,
              pointBackgroundColor: series.colour,
              spanGaps: false,
            }
          : {}),
      })),
    },
    options: {
      // Reading the figures matters, not watching them grow (and motion bothers some readers).
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: categoryAxis,
      color: CHART_COLOURS.text,
      font,
      scales: {
        [categoryAxis]: {
          stacked,
          // Every permit type is named beside its bar; months may be thinned out on a narrow screen.
          ticks: { color: CHART_COLOURS.text, font, autoSkip: !horizontal },
          grid: { display: false },
        },
        [valueAxis]: {
          stacked,
          beginAtZero: true,
          title: { display: true, text: spec.valueTitle, color: CHART_COLOURS.text, font },
          ticks: { color: CHART_COLOURS.text, font, precision: 0 },
          grid: { color: CHART_COLOURS.grid },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: CHART_COLOURS.text, font, usePointStyle: spec.kind === 'line' } },
        tooltip: { enabled: true },
      },
    },
  } as AnyConfiguration;
}

/** The page's own font family, so the chart's text matches the page's. */
function getComputedFont(): string {
  if (typeof document === 'undefined') return 'system-ui, sans-serif';
  return getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif';
}
