/**
 * The captcha's proof of work, off the main thread so the form stays responsive on a
 * slow phone. One challenge per worker; the page ends the worker when it is done or
 * no longer wanted (a synchronous search cannot be told to stop any other way).
 */
import { solveAltcha, type AltchaChallenge } from './altcha.ts';

export type PowReply =
  | { type: 'progress'; tried: number }
  | { type: 'solved'; number: number; tookMs: number }
  | { type: 'failed'; reason: string };

interface WorkerScope {
  onmessage: ((e: MessageEvent<AltchaChallenge>) => void) | null;
  postMessage(reply: PowReply): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const started = performance.now();
  try {
    const n = solveAltcha(e.data, (tried) => scope.postMessage({ type: 'progress', tried }));
    scope.postMessage(
      n === null
        ? { type: 'failed', reason: 'no answer' }
        : { type: 'solved', number: n, tookMs: performance.now() - started },
    );
  } catch (err) {
    scope.postMessage({ type: 'failed', reason: err instanceof Error ? err.message : String(err) });
  }
};
