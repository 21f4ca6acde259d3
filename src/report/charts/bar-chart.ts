/** Horizontal bar chart with optional confidence-interval whiskers. */
import { AXIS_COLOUR, GRID_COLOUR, niceMaximum, percentFormat, SERIES_COLOURS, shorten, svg, text, ticks, type ValueFormat } from './svg.js';

export interface Bar {
  label: string;
  value: number;
  /** Interval whisker, when known. */
  lower?: number;
  upper?: number;
}

export interface BarChartOptions {
  title: string;
  format?: ValueFormat;
  width?: number;
  colour?: string;
}

/** Space for the labels on the left, in pixels. */
const LABEL_WIDTH = 190;
const BAR_HEIGHT = 22;
const BAR_GAP = 8;
const MARGIN = 24;
const VALUE_WIDTH = 70;

/** Renders the bars as an SVG string. */
export function barChart(bars: readonly Bar[], options: BarChartOptions): string {
  const format = options.format ?? percentFormat;
  const width = options.width ?? 640;
  const plotWidth = width - LABEL_WIDTH - VALUE_WIDTH - MARGIN;
  const height = MARGIN * 2 + bars.length * (BAR_HEIGHT + BAR_GAP);
  const maximum = niceMaximum(Math.max(0, ...bars.map((bar) => Math.max(bar.value, bar.upper ?? 0))));
  const scale = (value: number) => LABEL_WIDTH + (Math.max(0, value) / maximum) * plotWidth;
  const grid = ticks(maximum)
    .map((tick) => `<line x1="${scale(tick).toFixed(1)}" x2="${scale(tick).toFixed(1)}" y1="${MARGIN - 6}" y2="${height - MARGIN}" stroke="${GRID_COLOUR}"/>${text(scale(tick), height - MARGIN + 14, format(tick), `class="tick" text-anchor="middle" fill="${AXIS_COLOUR}"`)}`)
    .join('');
  const body = bars
    .map((bar, index) => {
      const y = MARGIN + index * (BAR_HEIGHT + BAR_GAP);
      const whisker =
        bar.lower !== undefined && bar.upper !== undefined
          ? `<line class="whisker" x1="${scale(bar.lower).toFixed(1)}" x2="${scale(bar.upper).toFixed(1)}" y1="${y + BAR_HEIGHT / 2}" y2="${y + BAR_HEIGHT / 2}" stroke="#333" stroke-width="1.5"/>`
          : '';
      return (
        text(LABEL_WIDTH - 8, y + BAR_HEIGHT / 2 + 4, shorten(bar.label, 28), 'text-anchor="end"') +
        `<rect class="bar" x="${LABEL_WIDTH}" y="${y}" width="${(scale(bar.value) - LABEL_WIDTH).toFixed(1)}" height="${BAR_HEIGHT}" fill="${options.colour ?? SERIES_COLOURS[0]}"/>` +
        whisker +
        text(scale(Math.max(bar.value, bar.upper ?? 0)) + 6, y + BAR_HEIGHT / 2 + 4, format(bar.value))
      );
    })
    .join('');
  return svg(width, height, options.title, grid + body);
}
