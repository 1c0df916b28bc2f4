"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

/**
 * A bar chart (recharts, SVG) with the same figures as a table beside it, so the numbers are there
 * for screen readers, keyboard users and printing. `rows` are the categories (x axis); each series is
 * a bar (stacked when `stacked`). With one series, `colorKey` colours each bar from its row.
 */
export function BarChartFigure({
  title,
  description,
  rows,
  categoryKey,
  categoryLabel,
  series,
  stacked = false,
  colorKey,
  testId,
}: {
  title: string;
  description: string;
  rows: Record<string, string | number>[];
  categoryKey: string;
  categoryLabel: string;
  series: ChartSeries[];
  stacked?: boolean;
  colorKey?: string;
  testId: string;
}) {
  const total = (row: Record<string, string | number>) => series.reduce((n, s) => n + Number(row[s.key] ?? 0), 0);
  return (
    <figure className="panel" style={{ margin: 0 }} data-testid={testId}>
      <figcaption>
        <h2>{title}</h2>
        <p className="muted">{description}</p>
      </figcaption>
      <div className="chart-box" role="img" aria-label={`${title}: chart of the figures in the table below`}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 280 }}>
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey={categoryKey} interval={0} tick={{ fontSize: 11 }} angle={rows.length > 6 ? -30 : 0} textAnchor={rows.length > 6 ? "end" : "middle"} height={rows.length > 6 ? 70 : 30} />
            <YAxis allowDecimals={false} width={36} />
            <Tooltip />
            {series.length > 1 && <Legend />}
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stackId={stacked ? "stack" : undefined} isAnimationActive={false}>
                {colorKey && series.length === 1 && rows.map((row, i) => <Cell key={i} fill={String(row[colorKey] ?? s.color)} />)}
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="data" data-testid={`${testId}-table`}>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{categoryLabel}</th>
            {series.map((s) => (
              <th key={s.key} scope="col" className="num">
                {s.label}
              </th>
            ))}
            {series.length > 1 && (
              <th scope="col" className="num">
                Total
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row[categoryKey])} data-category={String(row[categoryKey])}>
              <th scope="row">{row[categoryKey]}</th>
              {series.map((s) => (
                <td key={s.key} className="num" data-series={s.key}>
                  {row[s.key] ?? 0}
                </td>
              ))}
              {series.length > 1 && (
                <td className="num" data-series="total">
                  {total(row)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
