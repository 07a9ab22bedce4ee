/**
 * A table in a scrollable region: the region is named (screen readers list it among the page's
 * landmarks) and takes the focus, so a keyboard user can scroll a table wider or longer than its box.
 */
import type { ComponentChildren } from 'preact';

export interface ScrollTableProps {
  /** The region's accessible name. */
  label: string;
  /** Column headers. */
  head: readonly string[];
  /** The rows (`<tr>`s, each starting with a `<th scope="row">`). */
  children: ComponentChildren;
  /** `class` of the table. */
  tableClass?: string;
  /** `data-table` of the table (what a chart's table is known by). */
  name?: string;
}

export function ScrollTable({ label, head, children, tableClass, name }: ScrollTableProps) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table class={tableClass} data-table={name}>
        <thead>
          <tr>{head.map((h) => <th scope="col">{h}</th>)}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
