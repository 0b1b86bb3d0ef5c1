/** How often a screen of plans looks at the clock: a window closes on the minute. */
const TICK_MS = 30_000;

/** "Now" for a screen that sorts by time; it moves while the screen stays open. */
export class Clock {
  now = $state(Date.now());

  /** Starts ticking; returns the stop (for an $effect's cleanup). */
  start(): () => void {
    this.now = Date.now();
    const id = setInterval(() => (this.now = Date.now()), TICK_MS);
    return () => clearInterval(id);
  }
}
