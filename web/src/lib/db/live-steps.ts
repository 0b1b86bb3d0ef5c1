import type { Observable, Observer, Subscription } from 'dexie';

type ObserverLike<T> = Observer<T> | ((value: T) => void) | null;
type ErrorHandler = ((err: unknown) => void) | null;

/** A subscription that runs `stop` the first time it is unsubscribed. */
function subscription(stop: () => void): Subscription {
  let closed = false;
  return {
    unsubscribe() {
      if (closed) return;
      closed = true;
      stop();
    },
    get closed() {
      return closed;
    },
  };
}

/** An Observable in Dexie's shape, from what happens for one subscriber. */
function observableOf<T>(start: (observer: Observer<T>) => Subscription): Observable<T> {
  const observable: Observable<T> = {
    subscribe: (observerOrNext?: ObserverLike<T>, error?: ErrorHandler) =>
      start(
        typeof observerOrNext === 'function'
          ? { next: observerOrNext, error: error ?? undefined }
          : (observerOrNext ?? {}),
      ),
    [Symbol.observable]() {
      return this;
    },
  };
  return observable;
}

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
  return observableOf((observer) => {
    let a: { value: A } | null = null;
    let b: B | null = null;
    let subA: Subscription | null = null;
    let subB: Subscription | null = null;
    const sub = subscription(() => {
      subA?.unsubscribe();
      subB?.unsubscribe();
    });
    const fail = (err: unknown) => {
      if (sub.closed) return;
      sub.unsubscribe();
      observer.error?.(err);
    };
    const emit = () => {
      if (sub.closed || !a) return;
      try {
        observer.next?.(combine(a.value, b));
      } catch (err) {
        fail(err);
      }
    };
    subA = first.subscribe({
      next: (value) => {
        if (sub.closed) return;
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
    if (sub.closed) subA.unsubscribe();
    return sub;
  });
}

/** An observable that keeps its source running until closed and replays the latest value. */
export interface Shared<T> extends Observable<T> {
  close(): void;
}

/**
 * Subscribe to `source` now and keep its latest value: each subscriber gets it at
 * once, then what follows. Reports of different periods share the shop-wide reads
 * this way, so choosing another period does not read the whole catalogue again.
 */
export function shareLatest<T>(source: Observable<T>): Shared<T> {
  let latest: { value: T } | null = null;
  let failure: { err: unknown } | null = null;
  const observers = new Set<Observer<T>>();
  const upstream = source.subscribe({
    next: (value) => {
      latest = { value };
      for (const o of observers) o.next?.(value);
    },
    error: (err: unknown) => {
      failure = { err };
      for (const o of observers) o.error?.(err);
    },
  });
  const shared = observableOf<T>((observer) => {
    observers.add(observer);
    if (failure) observer.error?.(failure.err);
    else if (latest) observer.next?.(latest.value);
    return subscription(() => observers.delete(observer));
  });
  return Object.assign(shared, {
    close() {
      upstream.unsubscribe();
      observers.clear();
    },
  });
}

/** The latest of two observables, once both have a value. */
export function both<A, B>(a: Observable<A>, b: Observable<B>): Observable<[A, B]> {
  return observableOf((observer) => {
    let va: { v: A } | null = null;
    let vb: { v: B } | null = null;
    let subA: Subscription | null = null;
    let subB: Subscription | null = null;
    const sub = subscription(() => {
      subA?.unsubscribe();
      subB?.unsubscribe();
    });
    const emit = () => {
      if (!sub.closed && va && vb) observer.next?.([va.v, vb.v]);
    };
    const fail = (err: unknown) => {
      if (sub.closed) return;
      sub.unsubscribe();
      observer.error?.(err);
    };
    subA = a.subscribe({ next: (v) => ((va = { v }), emit()), error: fail });
    subB = b.subscribe({ next: (v) => ((vb = { v }), emit()), error: fail });
    if (sub.closed) {
      subA.unsubscribe();
      subB.unsubscribe();
    }
    return sub;
  });
}
