/** Line chart of one or more series over labelled points (e.g. months), with an optional fitted line. */
import { AXIS_COLOUR, GRID_COLOUR, niceMaximum, percentFormat, SERIES_COLOURS, shorten, svg, text, ticks, type ValueFormat } from './svg.js';

export interface LineSeries {
  name: string;
  /** One value per x position; undefined leaves a gap. */
  values: (number | undefined)[];
}

export interface LineChartOptions {
  title: string;
  /** Labels of the x positions. */
  labels: readonly string[];
  /** x position of each label (defaults to 0, 1, 2 …): months with no data keep their distance. */
  positions?: readonly number[];
  format?: ValueFormat;
  width?: number;
  /** A straight fitted line y = intercept + slope · position, drawn dashed. */
  fit?: { slope: number; intercept: number };
}

const HEIGHT = 280;
const LEFT = 56;
const TOP = 32;
const BOTTOM = 44;
const RIGHT = 40;
const POINT_RADIUS = 3.5;
/** Least distance between two x labels drawn, in pixels (a `YYYY-MM` label is about 50 wide). */
const MINIMUM_LABEL_DISTANCE = 58;

/** Renders the series as an SVG string. */
export function lineChart(series: readonly LineSeries[], options: LineChartOptions): string {
  const format = options.format ?? percentFormat;
  const width = options.width ?? 680;
  const positions = options.positions ?? options.labels.map((_, index) => index);
  const lastPosition = Math.max(1, ...positions);
  const plotWidth = width - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const maximum = niceMaximum(Math.max(0, ...series.flatMap((line) => line.values.filter((value): value is number => value !== undefined))));
  const x = (position: number) => LEFT + (position / lastPosition) * plotWidth;
  const y = (value: number) => TOP + plotHeight - (Math.max(0, Math.min(maximum, value)) / maximum) * plotHeight;
  const grid = ticks(maximum)
    .map((tick) => `<line x1="${LEFT}" x2="${width - RIGHT}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="${GRID_COLOUR}"/>${text(LEFT - 6, y(tick) + 4, format(tick), `class="tick" text-anchor="end" fill="${AXIS_COLOUR}"`)}`)
    .join('');
  // A label too close to the previous one drawn is left out (its point stays): adjacent months of a long range would overlap.
  let lastLabelX = Number.NEGATIVE_INFINITY;
  const labels = options.labels
    .map((label, index) => {
      const labelX = x(positions[index]);
      if (labelX - lastLabelX < MINIMUM_LABEL_DISTANCE) return '';
      lastLabelX = labelX;
      return text(labelX, HEIGHT - BOTTOM + 16, shorten(label, 10), 'text-anchor="middle"');
    })
    .join('');
  const lines = series
    .map((line, seriesIndex) => {
      const colour = SERIES_COLOURS[seriesIndex % SERIES_COLOURS.length];
      const points = line.values.map((value, index) => (value === undefined ? undefined : [x(positions[index]), y(value)] as const)).filter((point) => point !== undefined);
      const path = points.map(([px, py], index) => `${index === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
      const dots = points.map(([px, py]) => `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="${POINT_RADIUS}" fill="${colour}"/>`).join('');
      return `<path class="line" d="${path}" fill="none" stroke="${colour}" stroke-width="2"/>${dots}`;
    })
    .join('');
  const fit =
    options.fit && Number.isFinite(options.fit.slope)
      ? `<line class="fit" x1="${x(0).toFixed(1)}" y1="${y(options.fit.intercept).toFixed(1)}" x2="${x(lastPosition).toFixed(1)}" y2="${y(options.fit.intercept + options.fit.slope * lastPosition).toFixed(1)}" stroke="#333" stroke-dasharray="5 4"/>`
      : '';
  const legendLength = series.length === 1 ? 80 : 34;
  const legend = series.map((line, index) => `<rect x="${LEFT + index * 250}" y="8" width="12" height="12" fill="${SERIES_COLOURS[index % SERIES_COLOURS.length]}"/>${text(LEFT + index * 250 + 16, 18, shorten(line.name, legendLength))}`).join('');
  return svg(width, HEIGHT, options.title, grid + labels + lines + fit + legend);
}
