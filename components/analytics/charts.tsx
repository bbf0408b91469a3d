'use client';

import { useFormatter } from 'next-intl';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartProps } from './chart-panel';
import { formatValue } from './format';

// The Recharts half of ChartPanel, loaded lazily. Colours are CSS variables switched by the theme
// (light: -700 shades, dark: -300), axis text uses currentColor, so both themes keep their contrast.

const PALETTE = ['var(--c1)', 'var(--c2)', 'var(--c3)', 'var(--c4)', 'var(--c5)', 'var(--c6)', 'var(--c7)'];
const THEME =
  'text-slate-700 dark:text-slate-300 [--c1:#4338ca] [--c2:#b45309] [--c3:#047857] [--c4:#be123c] [--c5:#0369a1] [--c6:#7e22ce] [--c7:#475569] [--grid:#e2e8f0] [--tip:#ffffff] dark:[--c1:#a5b4fc] dark:[--c2:#fcd34d] dark:[--c3:#6ee7b7] dark:[--c4:#fda4af] dark:[--c5:#7dd3fc] dark:[--c6:#d8b4fe] dark:[--c7:#cbd5e1] dark:[--grid:#334155] dark:[--tip:#0f172a]';
const axis = { stroke: 'currentColor', tick: { fill: 'currentColor', fontSize: 12 } } as const;
const tooltipStyle = { contentStyle: { background: 'var(--tip)', border: '1px solid var(--grid)', borderRadius: 6, color: 'inherit' }, labelStyle: { color: 'inherit' } };

export function AnalyticsChart({ spec, rows, columns, onPointClick, labels }: ChartProps) {
  const format = useFormatter();
  const [xCol, ...series] = columns;
  const colOf = (key: string) => columns.find((c) => c.key === key) ?? xCol!;
  const fmtX = (v: unknown) => formatValue(format, xCol!.format, v as string | number);
  const fmtY = (key: string) => (v: unknown) => formatValue(format, colOf(key).format, v as number);
  const tooltipValue = (v: unknown, name: unknown) => {
    const col = columns.find((c) => c.label === name);
    return [col ? formatValue(format, col.format, v as number) : String(v), String(name)];
  };
  const click = onPointClick
    ? (state: { activeLabel?: string | number; activeTooltipIndex?: number | string | null } | null) => {
        const x = Number(state?.activeLabel ?? rows[Number(state?.activeTooltipIndex)]?.[xCol!.key]);
        if (Number.isFinite(x)) onPointClick(x);
      }
    : undefined;
  const common = { data: rows, margin: { top: 8, right: 16, bottom: 8, left: 8 }, onClick: click, style: onPointClick ? { cursor: 'pointer' } : undefined };
  const grid = <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />;
  const x = <XAxis dataKey={xCol!.key} {...axis} tickFormatter={fmtX} minTickGap={24} type={xCol!.format === 'clock' ? 'number' : 'category'} domain={xCol!.format === 'clock' ? ['dataMin', 'dataMax'] : undefined} />;
  const firstY = series[0]?.key ?? '';
  // Shares run 0–100 %; counts get whole ticks; anything else its own scale.
  const yFormat = colOf(firstY).format;
  const yScale = { domain: yFormat === 'pct' ? [0, 1] : undefined, allowDecimals: yFormat !== 'int' } as const;

  let chart;
  if (spec.kind === 'funnel') {
    chart = (
      <BarChart {...common} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
        {grid}
        <XAxis type="number" {...axis} tickFormatter={fmtY(spec.series)} allowDecimals={false} />
        <YAxis type="category" dataKey={xCol!.key} {...axis} width={160} />
        <Tooltip {...tooltipStyle} formatter={tooltipValue} />
        <Bar dataKey={spec.series} name={colOf(spec.series).label} fill={PALETTE[0]} isAnimationActive={false} />
      </BarChart>
    );
  } else if (spec.kind === 'bar') {
    chart = (
      <BarChart {...common}>
        {grid}
        {x}
        <YAxis {...axis} tickFormatter={fmtY(firstY)} {...yScale} />
        <Tooltip {...tooltipStyle} labelFormatter={fmtX} formatter={tooltipValue} />
        {spec.series.length > 1 && <Legend />}
        {spec.series.map((k, i) => (
          <Bar key={k} dataKey={k} name={colOf(k).label} fill={PALETTE[i % PALETTE.length]} stackId={spec.stacked ? 's' : undefined} isAnimationActive={false} />
        ))}
      </BarChart>
    );
  } else if (spec.kind === 'line') {
    chart = (
      <LineChart {...common}>
        {grid}
        {x}
        <YAxis {...axis} tickFormatter={fmtY(firstY)} {...yScale} />
        <Tooltip {...tooltipStyle} labelFormatter={fmtX} formatter={tooltipValue} />
        {spec.series.length > 1 && <Legend />}
        {spec.series.map((k, i) => (
          <Line key={k} dataKey={k} name={colOf(k).label} stroke={PALETTE[i % PALETTE.length]} strokeWidth={2} dot={rows.length <= 31} isAnimationActive={false} />
        ))}
      </LineChart>
    );
  } else if (spec.kind === 'retention') {
    chart = (
      <LineChart {...common}>
        {grid}
        {x}
        <YAxis {...axis} domain={[0, 1]} tickFormatter={fmtY('retention')} />
        <Tooltip {...tooltipStyle} labelFormatter={fmtX} formatter={tooltipValue} />
        {spec.dropOffs.map((z) => (
          <ReferenceArea key={`d${z.from}`} x1={z.from} x2={z.to} fill="var(--c4)" fillOpacity={0.15} ifOverflow="visible" label={{ value: labels.drop, fill: 'currentColor', fontSize: 11, position: 'insideTop' }} />
        ))}
        <ReferenceLine x={spec.introAt} stroke="var(--c2)" strokeDasharray="4 2" label={{ value: labels.intro, fill: 'currentColor', fontSize: 11, position: 'insideTopRight' }} />
        <Line dataKey="retention" name={colOf('retention').label} stroke={PALETTE[0]} strokeWidth={2} dot={false} isAnimationActive={false} />
      </LineChart>
    );
  } else {
    chart = (
      <ComposedChart {...common}>
        {grid}
        {x}
        <YAxis {...axis} allowDecimals={false} />
        <Tooltip {...tooltipStyle} labelFormatter={fmtX} formatter={tooltipValue} />
        <Legend />
        {spec.hotspots.map((z) => (
          <ReferenceArea key={`h${z.from}`} x1={z.from} x2={z.to} fill="var(--c3)" fillOpacity={0.2} label={{ value: labels.hotspot, fill: 'currentColor', fontSize: 11, position: 'insideTop' }} />
        ))}
        {spec.skipZones.map((z) => (
          <ReferenceArea key={`s${z.from}`} x1={z.from} x2={z.to} fill="var(--c4)" fillOpacity={0.15} label={{ value: labels.skip, fill: 'currentColor', fontSize: 11, position: 'insideBottom' }} />
        ))}
        <Line dataKey="plays" name={colOf('plays').label} stroke={PALETTE[0]} strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line dataKey="viewers" name={colOf('viewers').label} stroke={PALETTE[1]} strokeWidth={1.5} strokeDasharray="4 2" dot={false} isAnimationActive={false} />
      </ComposedChart>
    );
  }
  return (
    <div className={THEME} data-testid="chart-canvas">
      <ResponsiveContainer width="100%" height={spec.kind === 'funnel' ? Math.max(160, rows.length * 36) : 256}>
        {chart}
      </ResponsiveContainer>
    </div>
  );
}
