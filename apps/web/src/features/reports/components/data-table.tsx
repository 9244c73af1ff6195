import type { ReactNode } from "react";

export interface Column<Row> {
  key: string;
  header: string;
  cell: (row: Row) => ReactNode;
  numeric?: boolean;
}

/** A compact table: the text alternative of the chart above it, and the numbers to read exactly. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
  headerCell,
}: {
  caption: string;
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  empty: string;
  /** Replaces a header's text (sortable columns put a button there). */
  headerCell?: (column: Column<Row>) => ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table aria-label={caption} className="w-full text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
            {columns.map((column) => (
              <th key={column.key} scope="col" className={`px-2 py-1.5 font-medium ${column.numeric ? "text-right" : ""}`}>
                {headerCell ? headerCell(column) : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-2 py-3 text-slate-600 dark:text-slate-400">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row, index) => (
              <tr key={rowKey(row, index)} className="border-b border-slate-100 last:border-0 dark:border-slate-800/60">
                {columns.map((column) => (
                  <td key={column.key} className={`px-2 py-1.5 ${column.numeric ? "text-right tabular-nums" : ""}`}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A titled block of the dashboard: a chart and its table. */
export function ReportSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2 rounded-xl border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <h3 className="text-sm font-semibold">{title}</h3>
      {children}
    </section>
  );
}
