/** What a chart panel shows beside its chart, and the colours of its series. */

/** Series colours with at least 3:1 contrast on white (WCAG 1.4.11), told apart with colour blindness (Okabe and Ito's palette, darkened). */
export const COLOURS = {
  green: '#00795c',
  vermillion: '#b34700',
  blue: '#0063a0',
  grey: '#6b6b6b',
  purple: '#8f4f79',
  sky: '#2a7fb8',
  amber: '#8a6100',
  red: '#a4262c',
} as const;

export interface Table {
  head: string[];
  rows: (string | number)[][];
  /** The same rows for the CSV: raw numbers and ISO days rather than formatted text. */
  csv: (string | number)[][];
}
