// Shared by the back office's screens: a plain, accessible data table (a real
// <table> with a caption, sticky header, numeric columns right-aligned, rows
// optionally highlighted or selectable), styled by `.bo-table` in board.css.
//
// Stable API: DataTable, Column.
import type { ReactNode } from 'react';

export interface Column<T> {
  /** Stable key (also the header cell's data-col). */
  readonly key: string;
  readonly header: ReactNode;
  readonly cell: (row: T) => ReactNode;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
  readonly className?: string;
}

export interface DataTableProps<T> {
  readonly caption: ReactNode;
  /** Hide the caption visually (kept for screen readers). */
  readonly captionHidden?: boolean;
  readonly columns: readonly Column<T>[];
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
  readonly rowClassName?: (row: T) => string | undefined;
  /** Makes rows clickable (and selectable with Enter). */
  readonly onRowClick?: (row: T) => void;
  readonly selectedKey?: string | null;
  readonly empty?: ReactNode;
  readonly className?: string;
}

export function DataTable<T>({ caption, captionHidden, columns, rows, rowKey, rowClassName, onRowClick, selectedKey, empty, className }: DataTableProps<T>) {
  return (
    <div className={`bo-table-wrap ${className ?? ''}`}>
      <table className="bo-table">
        <caption className={captionHidden ? 'sr-only' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" data-col={c.key} className={[c.numeric ? 'num' : '', c.className ?? ''].join(' ').trim() || undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td className="empty" colSpan={columns.length}>
                {empty ?? '—'}
              </td>
            </tr>
          ) : (
            rows.map((row) => {
              const key = rowKey(row);
              const classes = [rowClassName?.(row), onRowClick ? 'clickable' : '', selectedKey === key ? 'is-selected' : ''].filter(Boolean).join(' ');
              return (
                <tr
                  key={key}
                  data-key={key}
                  className={classes || undefined}
                  aria-selected={onRowClick ? selectedKey === key : undefined}
                  tabIndex={onRowClick ? 0 : undefined}
                  onClick={onRowClick ? () => onRowClick(row) : undefined}
                  onKeyDown={
                    onRowClick
                      ? (e) => {
                          if (e.key === 'Enter') onRowClick(row);
                        }
                      : undefined
                  }
                >
                  {columns.map((c) => (
                    <td key={c.key} className={[c.numeric ? 'num' : '', c.className ?? ''].join(' ').trim() || undefined}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}
