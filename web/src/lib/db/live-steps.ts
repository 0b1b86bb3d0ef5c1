import type { Observable, Observer, Subscription } from 'dexie';

type ObserverLike<T> = Observer<T> | ((value: T) => void) | null;
type ErrorHandler = ((err: unknown) => void) | null;

/** What `subscribe` was given, as an observer. */
function toObserver<T>(observerOrNext?: ObserverLike<T>, error?: ErrorHandler): Observer<T> {
  return typeof observerOrNext === 'function'
    ? { next: observerOrNext, error: error ?? undefined }
    : (observerOrNext ?? {});
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
  const observable: Observable<T> = {
    subscribe(observerOrNext?: ObserverLike<T>, error?: ErrorHandler): Subscription {
      const observer = toObserver(observerOrNext, error);
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
  const shared: Shared<T> = {
    subscribe(observerOrNext?: ObserverLike<T>, error?: ErrorHandler): Subscription {
      const observer = toObserver(observerOrNext, error);
      observers.add(observer);
      if (failure) observer.error?.(failure.err);
      else if (latest) observer.next?.(latest.value);
      let closed = false;
      return {
        unsubscribe() {
          closed = true;
          observers.delete(observer);
        },
        get closed() {
          return closed;
        },
      };
    },
    close() {
      upstream.unsubscribe();
      observers.clear();
    },
    [Symbol.observable]() {
      return this;
    },
  };
  return shared;
}

/** The latest of two observables, once both have a value. */
export function both<A, B>(a: Observable<A>, b: Observable<B>): Observable<[A, B]> {
  const observable: Observable<[A, B]> = {
    subscribe(observerOrNext?: ObserverLike<[A, B]>, error?: ErrorHandler): Subscription {
      const observer = toObserver(observerOrNext, error);
      let va: { v: A } | null = null;
      let vb: { v: B } | null = null;
      let closed = false;
      const emit = () => {
        if (!closed && va && vb) observer.next?.([va.v, vb.v]);
      };
      const fail = (err: unknown) => {
        if (closed) return;
        sub.unsubscribe();
        observer.error?.(err);
      };
      const subA = a.subscribe({ next: (v) => ((va = { v }), emit()), error: fail });
      const subB = b.subscribe({ next: (v) => ((vb = { v }), emit()), error: fail });
      const sub: Subscription = {
        unsubscribe() {
          closed = true;
          subA.unsubscribe();
          subB.unsubscribe();
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
