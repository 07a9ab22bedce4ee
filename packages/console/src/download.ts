/** Files the console hands to the browser: CSV of a chart's table, JSON of a subject's export. */

/** RFC 4180 CSV (CRLF, fields quoted when needed); a text cell that a spreadsheet would run as a formula is prefixed with `'`. */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  const cell = (v: string | number): string => {
    if (typeof v === 'number') return String(v);
    const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Saves text as a file through a temporary link (no navigation, nothing inline for the CSP to refuse). */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
