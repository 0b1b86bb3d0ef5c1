import type { Observable } from 'dexie';
import type { SteadyQuery } from './steady-query.ts';

/** The first value a live query gives (what a screen shows on opening), then no more. */
export function firstValue<T>(obs: Observable<T> | SteadyQuery<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let sub: { unsubscribe(): void } | undefined = undefined;
    let done = false;
    sub = obs.subscribe({
      next: (v) => {
        if (done) return;
        done = true;
        resolve(v);
        sub?.unsubscribe();
      },
      error: reject,
    });
    // (a value given before subscribe returned: stop listening now)
    if (done) sub.unsubscribe();
  });
}
