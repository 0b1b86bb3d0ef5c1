/** How long a screen that never says it is ready holds back work that can wait. */
const FALLBACK_MS = 2_000;

let shown: () => void = () => undefined;
const ready = new Promise<void>((resolve) => (shown = resolve));
if (typeof window !== 'undefined') setTimeout(() => shown(), FALLBACK_MS);

/**
 * The first screen is usable (the sell screen calls this once its products show).
 * Work that can wait — loading the validation schemas, checking the cached session
 * with the server — starts then, so it does not compete with what the user sees.
 */
export function firstScreenShown(): void {
  shown();
}

/** Resolves once the first screen is usable, or after two seconds on screens that never say. */
export function afterFirstScreen(): Promise<void> {
  return ready;
}
