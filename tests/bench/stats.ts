/** The p-th percentile of `xs` (nearest rank, p in 0–100), rounded to `digits`; NaN for none. */
export function percentile(xs: number[], p: number, digits = 1): number {
  const s = [...xs].sort((a, b) => a - b);
  const at = s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
  return Number(at.toFixed(digits));
}
