/**
 * chart.js with only the pieces the report uses registered (tree-shaken: bar and line charts on
 * category/linear scales, tooltip, legend). chart.js draws on a canvas, so it needs no inline script
 * and fits the app's CSP.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import type { SeriesChart } from '$lib/report/chart-data';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

/** Real in slate, synthetic in indigo (the app's accent); readable on light and dark cards. */
export const SERIES_COLORS = ['rgba(100, 116, 139, 0.75)', 'rgba(99, 102, 241, 0.75)'];

export function chartConfig(c: SeriesChart, ink: string): ChartConfiguration<'bar' | 'line'> {
  const pct = (v: number | string) => `${(Number(v) * 100).toFixed(Number(v) < 0.1 && Number(v) !== 0 ? 1 : 0)}%`;
  return {
    type: c.type,
    data: {
      labels: [...c.labels], // copies: chart.js instruments the arrays it is given
      datasets: c.series.map((s, i) => ({
        label: s.name,
        data: [...s.values],
        backgroundColor: SERIES_COLORS[i % 2],
        borderColor: SERIES_COLORS[i % 2].replace('0.75', '1'),
        borderWidth: c.type === 'line' ? 2 : 0,
        pointRadius: c.type === 'line' ? 2 : 0,
        categoryPercentage: 0.9,
        barPercentage: 0.95
      }))
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { labels: { color: ink } },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${pct(ctx.parsed.y ?? 0)}` } }
      },
      scales: {
        x: { title: { display: true, text: c.xTitle, color: ink }, ticks: { color: ink, autoSkip: true, maxRotation: 45 } },
        y: { beginAtZero: true, title: { display: true, text: c.yTitle, color: ink }, ticks: { color: ink, callback: (v) => pct(v) } }
      }
    }
  };
}

export { Chart };
