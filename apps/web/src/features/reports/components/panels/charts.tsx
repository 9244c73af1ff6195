import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  type MouseHandlerDataParam,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

/**
 * The dashboard's charts: thin wrappers over recharts (this file is the only one that imports it, so the library lands
 * in the lazily loaded panels chunk). Each series has a legend name and its own dash or shade, so colour is never the
 * only difference, and each chart carries an aria-label; the table under it is the full text alternative.
 */

/** Mid-tone hues that keep their contrast on the light and the dark background. */
export const CHART_COLORS = ["#16a34a", "#6366f1", "#d97706", "#dc2626", "#0891b2", "#9333ea", "#64748b"] as const;
const DASHES = [undefined, "6 3", "2 3", "10 4 2 4"] as const;

export interface ChartSeries<Row> {
  key: string;
  name: string;
  value: (row: Row) => number | null;
}

interface ChartProps<Row> {
  label: string;
  rows: readonly Row[];
  xLabel: (row: Row) => string;
  series: ReadonlyArray<ChartSeries<Row>>;
  /** Tick and tooltip text of a value (durations, money). */
  formatValue?: (value: number) => string;
  /** A click on a point or bar of one row: opens the drill-down. */
  onSelect?: ((row: Row, index: number) => void) | undefined;
  stacked?: boolean;
  height?: number;
}

function toData<Row>(rows: readonly Row[], xLabel: (row: Row) => string, series: ReadonlyArray<ChartSeries<Row>>) {
  return rows.map((row) => {
    const point: Record<string, string | number | null> = { x: xLabel(row) };
    for (const s of series) point[s.key] = s.value(row);
    return point;
  });
}

function clickHandler<Row>(rows: readonly Row[], onSelect: ChartProps<Row>["onSelect"]) {
  if (!onSelect) return undefined;
  return (state: MouseHandlerDataParam) => {
    const index = Number(state.activeTooltipIndex);
    const row = rows[index];
    if (row !== undefined) onSelect(row, index);
  };
}

const axisProps = { stroke: "currentColor", tick: { fill: "currentColor", fontSize: 12 } } as const;
const tooltipStyle = { contentStyle: { background: "var(--tooltip-bg, #fff)", color: "#0f172a", borderRadius: 8 } } as const;

function Frame({ label, height, children }: { label: string; height: number; children: React.ReactElement }) {
  return (
    <figure role="img" aria-label={label} className="w-full text-slate-600 dark:text-slate-400" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </figure>
  );
}

export function SeriesBarChart<Row>({ label, rows, xLabel, series, formatValue, onSelect, stacked, height = 240 }: ChartProps<Row>) {
  return (
    <Frame label={label} height={height}>
      <BarChart
        data={toData(rows, xLabel, series)}
        onClick={clickHandler(rows, onSelect)}
        style={onSelect ? { cursor: "pointer" } : undefined}
      >
        <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
        <XAxis dataKey="x" {...axisProps} />
        <YAxis {...axisProps} tickFormatter={formatValue} width={64} />
        <Tooltip formatter={formatValue ? (value) => formatValue(Number(value)) : undefined} {...tooltipStyle} />
        <Legend />
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stackId={stacked ? "stack" : undefined}
            fill={CHART_COLORS[i % CHART_COLORS.length]}
            fillOpacity={1 - (i % 3) * 0.15}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </Frame>
  );
}

export function SeriesLineChart<Row>({ label, rows, xLabel, series, formatValue, onSelect, height = 240 }: ChartProps<Row>) {
  return (
    <Frame label={label} height={height}>
      <LineChart
        data={toData(rows, xLabel, series)}
        onClick={clickHandler(rows, onSelect)}
        style={onSelect ? { cursor: "pointer" } : undefined}
      >
        <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
        <XAxis dataKey="x" {...axisProps} />
        <YAxis {...axisProps} tickFormatter={formatValue} width={72} />
        <Tooltip formatter={formatValue ? (value) => formatValue(Number(value)) : undefined} {...tooltipStyle} />
        <Legend />
        {series.map((s, i) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.name}
            stroke={CHART_COLORS[i % CHART_COLORS.length]}
            strokeDasharray={DASHES[i % DASHES.length]}
            strokeWidth={2}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </Frame>
  );
}

/** A share of a whole (sentiment): each slice also named in the legend and the table below. */
export function ShareDonut({
  label,
  slices,
  formatValue,
}: {
  label: string;
  slices: ReadonlyArray<{ name: string; value: number; color?: string }>;
  formatValue?: (value: number) => string;
}) {
  return (
    <Frame label={label} height={220}>
      <PieChart>
        <Pie data={[...slices]} dataKey="value" nameKey="name" innerRadius="55%" outerRadius="85%" isAnimationActive={false}>
          {slices.map((slice, i) => (
            <Cell key={slice.name} fill={slice.color ?? CHART_COLORS[i % CHART_COLORS.length]} />
          ))}
        </Pie>
        <Tooltip formatter={formatValue ? (value) => formatValue(Number(value)) : undefined} {...tooltipStyle} />
        <Legend />
      </PieChart>
    </Frame>
  );
}
