// What a chart shows, as Chart.js is told to draw it: readable colours, stacked and lying bars,
// a dashed second line with other points, no animation.
import { describe, expect, it } from 'vitest';
import { CHART_COLOURS, chartConfig, wrapLabel, type ChartSpec } from './chart-spec';

const bars: ChartSpec = {
  kind: 'bar',
  labels: ['01.2026', '02.2026'],
  stacked: true,
  valueTitle: 'Шешімдер',
  series: [
    { label: 'Берілді', data: [2, 0], colour: CHART_COLOURS.first },
    { label: 'Бас тартылды', data: [1, 0], colour: CHART_COLOURS.second },
  ],
};

describe('the chart configuration', () => {
  it('stacks the bars of the months, each series in its colour, parted by a white edge', () => {
    const config = chartConfig(bars);
    expect(config.type).toBe('bar');
    expect(config.data.labels).toEqual(['01.2026', '02.2026']);
    expect(config.data.datasets.map((set) => [set.label, set.data, set.backgroundColor, set.borderColor])).toEqual([
      ['Берілді', [2, 0], CHART_COLOURS.first, '#ffffff'],
      ['Бас тартылды', [1, 0], CHART_COLOURS.second, '#ffffff'],
    ]);
    expect(config.options?.indexAxis).toBe('x');
    expect(config.options?.animation).toBe(false);
    const scales = config.options?.scales as Record<string, { stacked?: boolean; title?: { text?: string } }>;
    expect(scales.x?.stacked).toBe(true);
    expect(scales.y?.stacked).toBe(true);
    expect(scales.y?.title?.text).toBe('Шешімдер');
  });

  it('lays the bars down for long labels, the values along the bottom, the labels wrapped', () => {
    const config = chartConfig({ ...bars, labels: ['Architectural-planning assignment (APZ) with technical conditions', 'Short'], horizontal: true });
    expect(config.options?.indexAxis).toBe('y');
    expect(config.data.labels).toEqual([['Architectural-planning', 'assignment (APZ) with', 'technical conditions'], ['Short']]);
    const scales = config.options?.scales as Record<string, { title?: { text?: string }; ticks?: { autoSkip?: boolean } }>;
    // Every type is named, none skipped.
    expect(scales.y?.ticks?.autoSkip).toBe(false);
    expect(scales.x?.title?.text).toBe('Шешімдер');
  });

  it('draws the second line dashed with other points, and leaves gaps where a month has no value', () => {
    const config = chartConfig({
      kind: 'line',
      labels: ['01.2026', '02.2026', '03.2026'],
      valueTitle: 'Жұмыс күндері',
      series: [
        { label: 'Медиана', data: [4, null, 6], colour: CHART_COLOURS.first },
        { label: '90-процентиль', data: [7, null, 9], colour: CHART_COLOURS.second, dashed: true },
      ],
    });
    const [median, p90] = config.data.datasets as unknown as Record<string, unknown>[];
    expect(median).toMatchObject({ borderColor: CHART_COLOURS.first, borderDash: [], pointStyle: 'circle', spanGaps: false });
    expect(p90).toMatchObject({ borderColor: CHART_COLOURS.second, borderDash: [8, 4], pointStyle: 'triangle', data: [7, null, 9] });
  });
});

describe('a long label', () => {
  it('is cut into lines of whole words, a word longer than a line keeping a line of its own', () => {
    expect(wrapLabel('Эскизді (эскиздік жобаны) келісу', 20)).toEqual(['Эскизді (эскиздік', 'жобаны) келісу']);
    expect(wrapLabel('Short')).toEqual(['Short']);
    expect(wrapLabel('a verylongwordthatdoesnotfit b', 10)).toEqual(['a', 'verylongwordthatdoesnotfit', 'b']);
    expect(wrapLabel('  ')).toEqual([]);
  });
});
