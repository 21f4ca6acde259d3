/** Vertical grouped bar chart: one group per label, one bar per series, with a legend. */
import { NO_VALUE } from '../html.js';
import { AXIS_COLOUR, GRID_COLOUR, niceMaximum, percentFormat, SERIES_COLOURS, shorten, svg, text, ticks, type ValueFormat } from './svg.js';

export interface BarGroup {
  label: string;
  /** One value per series, in series order; undefined (a rate with no denominator) draws no bar and a "—". */
  values: (number | undefined)[];
}

export interface GroupedBarChartOptions {
  title: string;
  series: readonly string[];
  format?: ValueFormat;
  width?: number;
}

const PLOT_HEIGHT = 218;
const LEFT = 56;
/** Height of one legend line, and width of one legend entry. */
const LEGEND_LINE = 18;
const LEGEND_ENTRY_WIDTH = 200;
const BOTTOM = 46;
const RIGHT = 16;
const GROUP_PADDING = 0.2;

/** Renders the groups as an SVG string. */
export function groupedBarChart(groups: readonly BarGroup[], options: GroupedBarChartOptions): string {
  const format = options.format ?? percentFormat;
  const width = options.width ?? 680;
  const plotWidth = width - LEFT - RIGHT;
  const perLine = Math.max(1, Math.floor(plotWidth / LEGEND_ENTRY_WIDTH));
  const TOP = 16 + Math.ceil(options.series.length / perLine) * LEGEND_LINE;
  const plotHeight = PLOT_HEIGHT;
  const HEIGHT = TOP + PLOT_HEIGHT + BOTTOM;
  const maximum = niceMaximum(Math.max(0, ...groups.flatMap((group) => group.values.filter((value): value is number => value !== undefined))));
  const y = (value: number) => TOP + plotHeight - (Math.max(0, value) / maximum) * plotHeight;
  const groupWidth = plotWidth / Math.max(1, groups.length);
  const barWidth = (groupWidth * (1 - GROUP_PADDING)) / Math.max(1, options.series.length);
  const grid = ticks(maximum)
    .map((tick) => `<line x1="${LEFT}" x2="${width - RIGHT}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="${GRID_COLOUR}"/>${text(LEFT - 6, y(tick) + 4, format(tick), `class="tick" text-anchor="end" fill="${AXIS_COLOUR}"`)}`)
    .join('');
  const bars = groups
    .map((group, groupIndex) => {
      const start = LEFT + groupIndex * groupWidth + (groupWidth * GROUP_PADDING) / 2;
      const rects = group.values
        .map((value, seriesIndex) => {
          const x = start + seriesIndex * barWidth;
          if (value === undefined) return text(x + barWidth / 2, TOP + plotHeight - 4, NO_VALUE, `class="no-value" text-anchor="middle" fill="${AXIS_COLOUR}"`);
          const top = y(value);
          return `<rect class="bar" x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${(barWidth - 1).toFixed(1)}" height="${(TOP + plotHeight - top).toFixed(1)}" fill="${SERIES_COLOURS[seriesIndex % SERIES_COLOURS.length]}"/>`;
        })
        .join('');
      return rects + text(LEFT + groupIndex * groupWidth + groupWidth / 2, HEIGHT - BOTTOM + 16, shorten(group.label, 14), 'text-anchor="middle"');
    })
    .join('');
  const legend = options.series
    .map((name, index) => {
      const x = LEFT + (index % perLine) * LEGEND_ENTRY_WIDTH;
      const y = 8 + Math.floor(index / perLine) * LEGEND_LINE;
      return `<rect x="${x}" y="${y}" width="12" height="12" fill="${SERIES_COLOURS[index % SERIES_COLOURS.length]}"/>${text(x + 16, y + 10, shorten(name, 28))}`;
    })
    .join('');
  return svg(width, HEIGHT, options.title, grid + bars + legend);
}
