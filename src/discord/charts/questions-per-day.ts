import { createCanvas } from '@napi-rs/canvas';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, type Plugin } from 'chart.js';
import type { DayStats } from '../../curation/stats.js';

/** Drawn in the chart worker thread (chart-thread.ts): one render takes tens of milliseconds. */

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend);

/** Discord shows an embed's image at most about 400 px wide: sized for that, its labels stay readable. */
const CHART = {
  width: 540,
  height: 240,
  /** Drawn at twice the size, so it stays sharp on high-density screens and when Discord scales it. */
  pixelRatio: 2,
  background: '#ffffff',
  text: '#4e5058',
  grid: '#e3e5e8',
  font: 14,
};
/** Discord's green, yellow and grey: answered, unsure, out of scope. */
const OUTCOME_COLORS = { answered: '#3ba55c', unsure: '#faa61a', outOfScope: '#99aab5' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "4 Dec" from "2026-12-04". */
function dayLabel(day: string): string {
  const [, month, date] = day.split('-').map(Number);
  return `${date} ${MONTHS[(month ?? 1) - 1]}`;
}

/** Chart.js draws on a transparent canvas; Discord's dark and light themes both read dark text on white. */
const whiteBackground: Plugin<'bar'> = {
  id: 'background',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = CHART.background;
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/** A PNG of questions per day, stacked by outcome, oldest day on the left. */
export function drawQuestionsPerDay(days: readonly DayStats[]): Buffer {
  // Chart.js takes the canvas size as the chart's and multiplies the canvas by the pixel ratio itself.
  const canvas = createCanvas(CHART.width, CHART.height);
  const dataset = (label: string, key: keyof typeof OUTCOME_COLORS) => ({
    label,
    data: days.map((day) => day[key]),
    backgroundColor: OUTCOME_COLORS[key],
  });
  const font = { size: CHART.font };
  const chart = new Chart(canvas.getContext('2d') as unknown as CanvasRenderingContext2D, {
    type: 'bar',
    data: {
      labels: days.map((day) => dayLabel(day.day)),
      datasets: [dataset('Answered', 'answered'), dataset('Unsure', 'unsure'), dataset('Out of scope', 'outOfScope')],
    },
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: CHART.pixelRatio,
      layout: { padding: 8 },
      color: CHART.text,
      font,
      scales: {
        x: { stacked: true, grid: { display: false }, ticks: { color: CHART.text, font, maxRotation: 0, autoSkipPadding: 12 } },
        y: {
          stacked: true,
          beginAtZero: true,
          suggestedMax: 4,
          grid: { color: CHART.grid },
          ticks: { color: CHART.text, font, precision: 0 },
        },
      },
      plugins: {
        // The embed around it names the window and says the days are UTC days.
        legend: { position: 'top', labels: { color: CHART.text, font, boxWidth: 14 } },
      },
    },
    plugins: [whiteBackground],
  });
  try {
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}
