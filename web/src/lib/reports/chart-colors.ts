/** The colours a chart draws with, from the app's CSS variables. */
export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  /** one colour per series (or per slice of a doughnut), repeated when there are more */
  series: readonly string[];
}

/** Colours for paper and PDFs: dark ink on white, whatever the screen's scheme. */
export const PAPER_COLORS: ChartColors = {
  text: '#1b1f1c',
  muted: '#5d6661',
  grid: '#d9ddd9',
  series: ['#1f7a4d', '#8a5a00', '#3b5bdb', '#b3261e', '#5d6661', '#0b7285'],
};

/**
 * The screen's colours now (light or dark): read again whenever the scheme changes,
 * since a canvas does not follow CSS by itself.
 */
export function screenColors(root: HTMLElement = document.documentElement): ChartColors {
  const style = getComputedStyle(root);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  return {
    text: v('--text', PAPER_COLORS.text),
    muted: v('--muted', PAPER_COLORS.muted),
    grid: v('--border', PAPER_COLORS.grid),
    series: [
      v('--accent', '#1f7a4d'),
      v('--warn', '#8a5a00'),
      // the app has no third hue of its own: a blue and a teal that read on either scheme
      dark ? '#91a7ff' : '#3b5bdb',
      v('--danger', '#b3261e'),
      v('--muted', '#5d6661'),
      dark ? '#66d9e8' : '#0b7285',
    ],
  };
}
