import { PAPER_COLORS } from './chart-colors.ts';
import { chartConfig, type ChartSpec } from './chart-spec.ts';

/** PNG bytes of a data: URL (what a canvas hands out). */
function pngBytes(dataUrl: string): Uint8Array {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/**
 * A chart drawn for paper, as a PNG: dark ink on white, a fixed size and no
 * animation, whatever the screen shows (dark mode, a narrow phone, a hidden section).
 */
export async function chartPng(spec: ChartSpec, width = 1000, height = 420): Promise<Uint8Array> {
  const { Chart } = await import('./chart-registry.ts');
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  // in the document (chart.js measures fonts there), out of sight and out of the way
  const holder = document.createElement('div');
  holder.setAttribute('aria-hidden', 'true');
  holder.style.cssText = `position:fixed;left:-${width + 100}px;top:0;width:${width}px;height:${height}px;pointer-events:none`;
  holder.append(canvas);
  document.body.append(holder);
  const config = chartConfig(spec, PAPER_COLORS, { animate: false, responsive: false });
  // white behind the chart, so the PNG reads the same on any page colour
  const chart = new Chart(canvas, {
    ...config,
    options: { ...config.options, devicePixelRatio: 1 },
    plugins: [
      {
        id: 'paper',
        beforeDraw: (c) => {
          c.ctx.save();
          c.ctx.fillStyle = '#ffffff';
          c.ctx.fillRect(0, 0, c.width, c.height);
          c.ctx.restore();
        },
      },
    ],
  });
  try {
    return pngBytes(chart.toBase64Image('image/png'));
  } finally {
    chart.destroy();
    holder.remove();
  }
}
