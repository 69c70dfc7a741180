/** A horizontal bar chart in SVG; the same figures are always in a table beside it for screen readers. */
export function BarChart({ rows, label }: { rows: { label: string; value: number }[]; label: string }) {
  const max = Math.max(1, ...rows.map((row) => row.value));
  const rowHeight = 22;
  return (
    <svg
      className="bar-chart"
      role="img"
      aria-label={label}
      viewBox={`0 0 400 ${rows.length * rowHeight}`}
      preserveAspectRatio="xMinYMin meet"
    >
      {rows.map((row, index) => (
        <g key={row.label} transform={`translate(0 ${index * rowHeight})`}>
          <text x="0" y="15" className="bar-label">
            {row.label.length > 22 ? `${row.label.slice(0, 21)}…` : row.label}
          </text>
          <rect x="150" y="4" height="14" width={Math.max(2, (row.value / max) * 210)} className="bar" />
          <text x={156 + (row.value / max) * 210} y="15" className="bar-value">
            {row.value}
          </text>
        </g>
      ))}
    </svg>
  );
}
