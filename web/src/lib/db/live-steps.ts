import type { Observable, Observer, Subscription } from 'dexie';

/**
 * Two live queries as one: the second is only started once the first has its
 * first value (so it does not slow the first down), and every value of either
 * gives `combine` the latest of both (`null` for the second until it has one).
 */
export function twoStep<A, B, T>(
  first: Observable<A>,
  second: Observable<B>,
  combine: (a: A, b: B | null) => T,
): Observable<T> {
  const observable: Observable<T> = {
    subscribe(
      observerOrNext?: Observer<T> | ((value: T) => void) | null,
      error?: ((err: unknown) => void) | null,
    ): Subscription {
      const observer: Observer<T> =
        typeof observerOrNext === 'function'
          ? { next: observerOrNext, error: error ?? undefined }
          : (observerOrNext ?? {});
      let a: { value: A } | null = null;
      let b: B | null = null;
      let closed = false;
      let subB: Subscription | null = null;
      const emit = () => {
        if (closed || !a) return;
        try {
          observer.next?.(combine(a.value, b));
        } catch (err) {
          fail(err);
        }
      };
      const fail = (err: unknown) => {
        if (closed) return;
        sub.unsubscribe();
        observer.error?.(err);
      };
      const subA = first.subscribe({
        next: (value) => {
          if (closed) return;
          a = { value };
          emit();
          subB ??= second.subscribe({
            next: (value) => {
              b = value;
              emit();
            },
            error: fail,
          });
        },
        error: fail,
      });
      const sub: Subscription = {
        unsubscribe() {
          if (closed) return;
          closed = true;
          subA.unsubscribe();
          subB?.unsubscribe();
        },
        get closed() {
          return closed;
        },
      };
      return sub;
    },
    [Symbol.observable]() {
      return this;
    },
  };
  return observable;
}
