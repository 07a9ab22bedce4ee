/**
 * One chart with its table and its CSV download. The chart is drawn by Chart.js on a canvas
 * that screen readers get as an image with a one-sentence summary; the table beside it carries
 * every number, and the CSV holds exactly the table.
 */
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { downloadText, toCsv } from '../download.js';
import type { I18n } from '../i18n.js';
import { ScrollTable } from '../table.js';
import type { Table } from './model.js';

// Only the pieces these charts use, so the bundle carries no other chart types.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface ChartPanelProps {
  id: string;
  title: string;
  /** What the chart shows, in one sentence (the canvas's accessible name). */
  summary: string;
  config: ChartConfiguration<'bar'>;
  table: Table;
  i18n: I18n;
  /** Text under the title (notes about what is counted). */
  note?: ComponentChildren;
  /** File name of the CSV download, without extension. */
  file: string;
}

const reducedMotion = (): boolean => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export function ChartPanel({ id, title, summary, config, table, i18n, note, file }: ChartPanelProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, {
      ...config,
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: reducedMotion() ? false : { duration: 250 },
        locale: i18n.lang,
        ...config.options,
      },
    });
    return () => chart.destroy();
  }, [config, i18n.lang]);

  const headingId = `${id}-title`;
  return (
    <section class="panel" aria-labelledby={headingId}>
      <div class="panel-head">
        <h3 id={headingId}>{title}</h3>
        <button
          type="button"
          class="secondary"
          aria-label={i18n.t('downloadCsvOf', { chart: title })}
          onClick={() => downloadText(`${file}.csv`, toCsv([table.head, ...table.csv]), 'text/csv;charset=utf-8')}
        >
          {i18n.t('downloadCsv')}
        </button>
      </div>
      {note && <p class="note">{note}</p>}
      <div class="panel-body">
        <div class="chart-box">
          <canvas ref={canvas} role="img" aria-label={summary} />
        </div>
        <ScrollTable label={i18n.t('tableOf', { chart: title })} name={id} head={table.head}>
          {table.rows.map((row) => (
            <tr>{row.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>))}</tr>
          ))}
        </ScrollTable>
      </div>
    </section>
  );
}
