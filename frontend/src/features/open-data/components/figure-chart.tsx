// A chart of the figures, drawn on a canvas by Chart.js (lib/chart-setup.ts, fetched when the
// first chart is shown, so the library never weighs on other pages). The canvas is an image to
// assistive technology, named by a summary of what it shows; every figure it draws is also in the
// table beside it, which is what keyboard and screen-reader users read. Should the library fail to
// arrive (offline), the chart is left out and the table stays.
import { useEffect, useRef, useState } from 'react';
import type * as ChartSetupModule from '../lib/chart-setup';
import type { ChartSpec } from '../lib/chart-spec';

type ChartSetup = typeof ChartSetupModule;

let setup: Promise<ChartSetup> | null = null;

/** Chart.js, fetched once for every chart of the page (again after a failed try). */
function loadChartSetup(): Promise<ChartSetup> {
  setup ??= import('../lib/chart-setup').catch((error: unknown) => {
    setup = null;
    throw error;
  });
  return setup;
}

export interface FigureChartProps {
  spec: ChartSpec;
  /** What the chart shows, in words: the canvas's accessible name. */
  summary: string;
  testId?: string;
  /** A taller box (many bars lying down). */
  tall?: boolean;
}

export function FigureChart({ spec, summary, testId, tall = false }: FigureChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  // The spec is redrawn when what it says changes, not whenever the page renders.
  const specKey = JSON.stringify(spec);

  useEffect(() => {
    let drawn: { destroy(): void } | null = null;
    let gone = false;
    loadChartSetup().then(
      ({ drawChart }) => {
        if (gone || !canvas.current) return;
        drawn = drawChart(canvas.current, JSON.parse(specKey) as ChartSpec);
      },
      () => {
        if (!gone) setFailed(true);
      },
    );
    return () => {
      gone = true;
      drawn?.destroy();
    };
  }, [specKey]);

  if (failed) return null;
  return (
    <div className={tall ? 'figure-chart figure-chart--tall' : 'figure-chart'} data-testid={testId}>
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}
